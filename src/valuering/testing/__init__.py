"""Test helpers for people who build on valuering (needs the ``testing`` extra)."""
