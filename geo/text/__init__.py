"""Reading input: article files and directories, decoding their bytes (decoding.py), HTML to text and
headlines (articles.py), and cutting long texts into the pieces spaCy reads (chunking.py)."""
