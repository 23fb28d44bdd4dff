"""Output presets offered in the clip form."""

PRESETS = {
    "mp4-1080p": {"ext": "mp4", "video_codec": "libx264", "height": 1080,
                  "audio_codec": "aac", "audio_bitrate": "192k", "crf": 20},
    "mp4-720p": {"ext": "mp4", "video_codec": "libx264", "height": 720,
                 "audio_codec": "aac", "audio_bitrate": "128k", "crf": 23},
    "vertical": {"ext": "mp4", "video_codec": "libx264", "height": 1920, "crop": "ih*9/16:ih",
                 "audio_codec": "aac", "audio_bitrate": "128k", "crf": 23},
    "podcast": {"ext": "m4a", "video_codec": None, "height": None,
                "audio_codec": "aac", "audio_bitrate": "96k", "crf": None},
}
DEFAULT_PRESET = "mp4-720p"


def describe(label):
    preset = PRESETS[label]
    if preset["video_codec"] is None:
        return f"{label}: audio only, {preset['audio_bitrate']}"
    return f"{label}: {preset['height']}p {preset['video_codec']}, audio {preset['audio_bitrate']}"
