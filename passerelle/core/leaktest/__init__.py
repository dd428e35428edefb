"""The leak test's machinery: records marked at every classification for every restricted
model, linked from lower records (fixture.py); a crawl of every route as every reader, which
fails on a mark above the reader's clearance (crawl.py); the text of every kind of response
(documents.py). Used by core/tests/test_leaks.py."""
