"""StreamField blocks of kyanh-cms, importable as ``kyanh_cms.blocks``.

One module per family (content, showcases, tasks, sidebar); this package
names the stream compositions that page models and settings use.
"""
