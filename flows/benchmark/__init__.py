"""`naskah benchmark`: the real pipeline on a synthetic round, next to the machine's raw stage
limit and the naive one-soffice-per-letter approach, measured in the same run."""
