"""PDF adapters: LibreOffice conversion, signing one letter (letter_signing) in worker
processes (signing_pool), merging and splitting, validation."""
