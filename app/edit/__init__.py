"""The teaching edit: sequences and chapters, narration, voices, diagrams and the context card.

The modules turn a case project's ``Lesson`` into what the exporter writes:

- ``plan``: the frame plan, with the kept source frames in lesson order and the chapters;
- ``frames``: decoding of those frames from the vault, seeking where it can;
- ``audio`` (import, storage, source sound), ``recorder`` (microphone or file-fed recording),
  ``voices`` (mute, keep, bleep, alter) and ``mix`` (the mixed, loudness-normalised sound);
- ``diagrams``: drawings blended above the redactions; ``card``: the context card;
- ``reidentification``: the check of every text the lesson shows, with acknowledgements;
- ``sidecars`` (WebVTT, OpenTimelineIO) and ``facts`` (the audit sheet's edit facts).

None of them imports Qt.
"""
