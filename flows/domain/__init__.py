"""The functional core: pure rules over typed models. Imports nothing outside the stdlib."""
