"""Reading and writing of everything on disk: catalogs, originals, settings; the project's path layout."""
