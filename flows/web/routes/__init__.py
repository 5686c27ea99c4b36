"""The desk's routes, one module per page, each a ``add_routes(app, desk)`` over the shared
:class:`~flows.web.routes.context.Desk` (settings, store, runner, page templates)."""
