"""A third-party htdy plugin, installed as its own distribution (entry point group ``htdy``).

It adds a parser named ``shouty`` for plain text: the first line is the name, upper-cased."""
from htdy import hookimpl
from htdy.core.host.interfaces import Parser, ParseResult, PluginOptions


class ShoutyOptions(PluginOptions):
    suffix: str = ""


class ShoutyParser(Parser):
    name = "shouty"
    description = "First line of a text CV, upper-cased, as the name."
    kinds = ("text",)
    Options = ShoutyOptions

    def parse(self, data, *, filename=None):
        first = data.decode("utf-8", "replace").strip().splitlines()[0]
        return ParseResult(resume={"basics": {"name": first.upper() + self.options.suffix}},
                           extras={"parser": self.name})


@hookimpl
def htdy_register_parsers():
    return [ShoutyParser]
