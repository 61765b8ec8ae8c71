"""What a privacy statement is, kept free of any site generator.

The modules here never import mkdocs: `hooks/mkdocs_hooks.py` adapts them to MkDocs.
"""
