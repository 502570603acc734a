"""Extraction stage: an analysed document -> mentions of each field."""
