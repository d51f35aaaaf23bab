"""The parse gateway: the sniffer, the parse pipeline and the parser pool."""
