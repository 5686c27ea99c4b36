"""Builds the default Word templates in templates_docx/ (run scripts/build_templates.py).

The templates are data a clerk may edit in Word afterwards; this builder only makes the
shipped defaults reproducible. Layout follows tata naskah dinas (Permendagri 1/2023) and the
forms collected in shared/research/real-letters.md.
"""
