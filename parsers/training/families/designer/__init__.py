"""Parts of the html-designer family (see `htdy.parsers.training.families.html_designer`)."""
