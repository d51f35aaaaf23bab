"""An htdy template pack: register the templates shipped as package data."""
from htdy import hookimpl
from htdy.renderers.manifest import templates_from_package


@hookimpl
def htdy_register_templates():
    return templates_from_package(__name__)
