"""The steps of a round as plain functions; the Prefect flow in flows.orchestration only
sequences them (and the tests call them directly)."""
