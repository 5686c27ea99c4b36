"""PDF adapters: LibreOffice conversion (and, later, signing and archiving)."""
