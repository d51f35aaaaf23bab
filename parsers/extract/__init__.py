"""CV field extraction from a layout."""
