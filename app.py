"""The kcqa web UI, Hugging Face Spaces style: `python app.py` (the same as `kcqa serve`)."""

from kcqa.ui import build_app, launch

demo = build_app()
if __name__ == "__main__":
    launch(demo=demo)
