"""Broadcast programmes of the city broadcaster: programmes with a weekly schedule, audio and
video episodes with transcripts and WebVTT subtitles, and a podcast feed per programme and
edition."""
