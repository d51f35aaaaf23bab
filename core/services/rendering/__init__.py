"""The render gateway: the render service, its process pool, the http gateway, cache keys and cached renders."""
