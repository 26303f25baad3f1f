"""The demo regions as data: the files in ``demo/`` and their loader (``seed_demo``)."""
