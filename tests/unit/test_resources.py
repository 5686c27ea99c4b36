"""A run's adapters: built once from the settings; the rounds of a bulk run share them."""

from __future__ import annotations

import threading
from contextvars import copy_context

from flows.pipeline import resources
from flows.settings import load_settings


def test_the_rounds_of_a_bulk_run_share_one_converter_and_a_lone_round_has_its_own():
    settings = load_settings(None)
    lone_a, lone_b = resources.for_round(settings), resources.for_round(settings)
    assert lone_a.converter is not lone_b.converter
    with resources.shared(resources.build(settings)) as bulk:
        seen = []
        context = copy_context()  # what bulk_flow hands each round's thread
        thread = threading.Thread(target=context.run,
                                  args=(lambda: seen.append(resources.for_round(settings)),))
        thread.start()
        thread.join()
        assert seen == [bulk] and resources.for_round(settings) is bulk
    assert resources.for_round(settings) is not bulk


def test_the_libreoffice_cap_is_the_settings_number_of_processes():
    settings = load_settings(None)
    converter = resources.build(settings).converter
    assert converter.processes == max(1, settings.run.converters)  # type: ignore[attr-defined]
