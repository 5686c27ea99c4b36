"""The process that runs the desk's rounds: serves the ``putaran-web/meja`` deployment to the
Prefect server in PREFECT_API_URL (started by ``naskah web``)."""

from __future__ import annotations


def main() -> None:
    from flows import prefect_setup

    prefect_setup.configure(quiet=False)
    from prefect import serve

    from flows.dispatched import synchronous
    from flows.orchestration import round_from_upload

    serve(synchronous(round_from_upload.to_deployment(
              name="meja", tags=["naskah", "web"],
              description="Putaran dari workbook yang diunggah di naskah web.")),
          print_starting_message=False)


if __name__ == "__main__":
    main()
