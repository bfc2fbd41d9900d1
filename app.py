"""The kcqa web UI, Hugging Face Spaces style: `python app.py` (the same as `kcqa serve`)."""

import sys

from kcqa.errors import KcqaError
from kcqa.ui import build_app, launch

demo = build_app()
if __name__ == "__main__":
    try:
        launch(demo=demo)
    except KcqaError as exc:  # a port in use, a bad GRADIO_SERVER_PORT: one line, no traceback
        sys.exit(f"kcqa: error: {exc}")
