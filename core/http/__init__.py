"""The HTTP layer: the aiohttp app factory, app keys, middlewares, routing, OpenAPI, the API."""
