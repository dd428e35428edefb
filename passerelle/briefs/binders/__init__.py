"""Binders: an ordered set of briefs and notes for one occasion, printed as one document.

- `parts.py`: the kinds of part a binder takes, registered by the apps that build them (the
  briefs app's own kinds, biographies, a measure's Question Period note from pathways);
- `frozen.py`: a part frozen at its released edition, read back from the edition's Markdown;
- `assemble.py`: the binder as a reader may see it, each part built or read back;
- `pdf.py`, `docx.py`: the one document, with cover, contents, tabs, pages numbered across the
  whole and the highest marking on every page;
- `generate.py`: `generate(binder, language, fmt, reader)`, the one function the pages, the
  command and a background job call;
- `transition.py`: the transition binder, regenerated from the branch's standing briefs.
"""
