"""The plugin host: hook specifications, the plugin manager and registries, configuration, the interfaces and errors plugins use, the pytest plugin."""
