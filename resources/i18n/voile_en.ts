<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Actions</name>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>&amp;Review</source>
            <translation>&amp;Review</translation>
        </message>
        <message>
            <source>&amp;Playback</source>
            <translation>&amp;Playback</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Case file</source>
            <translation>&amp;Case file</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Open another vault…</source>
            <translation>Open another vault…</translation>
        </message>
        <message>
            <source>Import a video…</source>
            <translation>Import a video…</translation>
        </message>
        <message>
            <source>Copy a video into the vault, encrypted, and make its working copy</source>
            <translation>Copy a video into the vault, encrypted, and make its working copy</translation>
        </message>
        <message>
            <source>Find regions to hide</source>
            <translation>Find regions to hide</translation>
        </message>
        <message>
            <source>Run face detection on the open video; it proposes regions to review</source>
            <translation>Run face detection on the open video; it proposes regions to review</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <source>Write the redacted video, verify it and sign its audit sheet</source>
            <translation>Write the redacted video, verify it and sign its audit sheet</translation>
        </message>
        <message>
            <source>Add a user…</source>
            <translation>Add a user…</translation>
        </message>
        <message>
            <source>Preferences…</source>
            <translation>Preferences…</translation>
        </message>
        <message>
            <source>Lock the vault</source>
            <translation>Lock the vault</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Undo</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Redo</translation>
        </message>
        <message>
            <source>Draw a region</source>
            <translation>Draw a region</translation>
        </message>
        <message>
            <source>Drag on the picture to add a region; it is then followed through the video</source>
            <translation>Drag on the picture to add a region; it is then followed through the video</translation>
        </message>
        <message>
            <source>Follow the region</source>
            <translation>Follow the region</translation>
        </message>
        <message>
            <source>Follow the selected region forward and backward from this frame</source>
            <translation>Follow the selected region forward and backward from this frame</translation>
        </message>
        <message>
            <source>Split at the playhead</source>
            <translation>Split at the playhead</translation>
        </message>
        <message>
            <source>Trim to the in/out points</source>
            <translation>Trim to the in/out points</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Delete a drawn region; reject a proposal</source>
            <translation>Delete a drawn region; reject a proposal</translation>
        </message>
        <message>
            <source>Keep in/out as a sequence…</source>
            <translation>Keep in/out as a sequence…</translation>
        </message>
        <message>
            <source>Add the range between the in and out points to the lesson, with a chapter title</source>
            <translation>Add the range between the in and out points to the lesson, with a chapter title</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>Accept</translation>
        </message>
        <message>
            <source>Keep this region redacted</source>
            <translation>Keep this region redacted</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Reject</translation>
        </message>
        <message>
            <source>This proposal is wrong: leave the picture as it is</source>
            <translation>This proposal is wrong: leave the picture as it is</translation>
        </message>
        <message>
            <source>Back to proposal</source>
            <translation>Back to proposal</translation>
        </message>
        <message>
            <source>Accept between in and out</source>
            <translation>Accept between in and out</translation>
        </message>
        <message>
            <source>Reject between in and out</source>
            <translation>Reject between in and out</translation>
        </message>
        <message>
            <source>Next proposal to review</source>
            <translation>Next proposal to review</translation>
        </message>
        <message>
            <source>Previous proposal to review</source>
            <translation>Previous proposal to review</translation>
        </message>
        <message>
            <source>Play / pause</source>
            <translation>Play / pause</translation>
        </message>
        <message>
            <source>Play backward (faster)</source>
            <translation>Play backward (faster)</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Play forward (faster)</source>
            <translation>Play forward (faster)</translation>
        </message>
        <message>
            <source>One frame back</source>
            <translation>One frame back</translation>
        </message>
        <message>
            <source>One frame forward</source>
            <translation>One frame forward</translation>
        </message>
        <message>
            <source>One second back</source>
            <translation>One second back</translation>
        </message>
        <message>
            <source>One second forward</source>
            <translation>One second forward</translation>
        </message>
        <message>
            <source>Go to the start</source>
            <translation>Go to the start</translation>
        </message>
        <message>
            <source>Go to the end</source>
            <translation>Go to the end</translation>
        </message>
        <message>
            <source>Set the in point</source>
            <translation>Set the in point</translation>
        </message>
        <message>
            <source>Set the out point</source>
            <translation>Set the out point</translation>
        </message>
        <message>
            <source>Clear the in and out points</source>
            <translation>Clear the in and out points</translation>
        </message>
        <message>
            <source>Preview as exported</source>
            <translation>Preview as exported</translation>
        </message>
        <message>
            <source>Show the picture redacted exactly as the export will be</source>
            <translation>Show the picture redacted exactly as the export will be</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <source>Fit the picture</source>
            <translation>Fit the picture</translation>
        </message>
        <message>
            <source>Actual size (1:1)</source>
            <translation>Actual size (1:1)</translation>
        </message>
        <message>
            <source>Zoom the timeline in</source>
            <translation>Zoom the timeline in</translation>
        </message>
        <message>
            <source>Zoom the timeline out</source>
            <translation>Zoom the timeline out</translation>
        </message>
        <message>
            <source>Show the whole timeline</source>
            <translation>Show the whole timeline</translation>
        </message>
        <message>
            <source>Consent of this case…</source>
            <translation>Consent of this case…</translation>
        </message>
        <message>
            <source>Record the patient's consent, attach the signed scan, print the consent form</source>
            <translation>Record the patient's consent, attach the signed scan, print the consent form</translation>
        </message>
        <message>
            <source>Withdraw the consent of this case…</source>
            <translation>Withdraw the consent of this case…</translation>
        </message>
        <message>
            <source>Expired cases…</source>
            <translation>Expired cases…</translation>
        </message>
        <message>
            <source>Access journal…</source>
            <translation>Access journal…</translation>
        </message>
        <message>
            <source>Users and roles…</source>
            <translation>Users and roles…</translation>
        </message>
        <message>
            <source>Open an export for review…</source>
            <translation>Open an export for review…</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>About Voile</source>
            <translation>About Voile</translation>
        </message>
    </context>
    <context>
        <name>CaseFile</name>
        <message>
            <source>Case {case}: {objects} encrypted objects will be crypto-shredded.</source>
            <translation>Case {case}: {objects} encrypted objects will be crypto-shredded.</translation>
        </message>
        <message>
            <source>{count} released exports must be taken down from their channels:</source>
            <translation>{count} released exports must be taken down from their channels:</translation>
        </message>
        <message>
            <source>The patient's identity is deleted from the correspondence table.</source>
            <translation>The patient's identity is deleted from the correspondence table.</translation>
        </message>
        <message>
            <source>This cannot be undone.</source>
            <translation>This cannot be undone.</translation>
        </message>
        <message>
            <source>Withdraw the consent</source>
            <translation>Withdraw the consent</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <source>Voile — example</source>
            <translation>Voile — example</translation>
        </message>
        <message>
            <source>Preparing the example…</source>
            <translation>Preparing the example…</translation>
        </message>
        <message>
            <source>Preparing the example: {stage}…</source>
            <translation>Preparing the example: {stage}…</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>An unexpected error occurred ({kind}). The details are in the log.</source>
            <translation>An unexpected error occurred ({kind}). The details are in the log.</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <source>Importing</source>
            <translation>Importing</translation>
        </message>
        <message>
            <source>Building the working copy</source>
            <translation>Building the working copy</translation>
        </message>
        <message>
            <source>Looking for faces</source>
            <translation>Looking for faces</translation>
        </message>
        <message>
            <source>Exporting</source>
            <translation>Exporting</translation>
        </message>
        <message>
            <source>Verifying the export</source>
            <translation>Verifying the export</translation>
        </message>
        <message>
            <source>Signing the audit sheet</source>
            <translation>Signing the audit sheet</translation>
        </message>
        <message>
            <source>Following the region</source>
            <translation>Following the region</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>Working</translation>
        </message>
        <message>
            <source>estimating time left…</source>
            <translation>estimating time left…</translation>
        </message>
        <message>
            <source>{seconds} s left</source>
            <translation>{seconds} s left</translation>
        </message>
        <message>
            <source>{minutes} min {seconds:02d} s left</source>
            <translation>{minutes} min {seconds:02d} s left</translation>
        </message>
    </context>
    <context>
        <name>Kinds</name>
        <message>
            <source>Face</source>
            <translation>Face</translation>
        </message>
        <message>
            <source>Burned-in text</source>
            <translation>Burned-in text</translation>
        </message>
        <message>
            <source>Out-of-body frame</source>
            <translation>Out-of-body frame</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Manual region</source>
            <translation>Manual region</translation>
        </message>
        <message>
            <source>To review</source>
            <translation>To review</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Solid fill</source>
            <translation>Solid fill</translation>
        </message>
        <message>
            <source>Pixelate</source>
            <translation>Pixelate</translation>
        </message>
        <message>
            <source>Blur</source>
            <translation>Blur</translation>
        </message>
        <message>
            <source>Rectangle</source>
            <translation>Rectangle</translation>
        </message>
        <message>
            <source>Ellipse</source>
            <translation>Ellipse</translation>
        </message>
    </context>
    <context>
        <name>QtAddUserDialog</name>
        <message>
            <source>Add a user</source>
            <translation>Add a user</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Their password</source>
            <translation>Their password</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>Password again</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>QtCaptionsTab</name>
        <message>
            <source>From (s, lesson time)</source>
            <translation>From (s, lesson time)</translation>
        </message>
        <message>
            <source>To (s, lesson time)</source>
            <translation>To (s, lesson time)</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>Add caption</source>
            <translation>Add caption</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>A caption needs a text and an end after its start.</source>
            <translation>A caption needs a text and an end after its start.</translation>
        </message>
        <message>
            <source>Remove caption</source>
            <translation>Remove caption</translation>
        </message>
    </context>
    <context>
        <name>QtCardTab</name>
        <message>
            <source>Procedure</source>
            <translation>Procedure</translation>
        </message>
        <message>
            <source>Pathology</source>
            <translation>Pathology</translation>
        </message>
        <message>
            <source>Operating team</source>
            <translation>Operating team</translation>
        </message>
        <message>
            <source>Short history</source>
            <translation>Short history</translation>
        </message>
        <message>
            <source>Age band</source>
            <translation>Age band</translation>
        </message>
        <message>
            <source>Shown for (s)</source>
            <translation>Shown for (s)</translation>
        </message>
        <message>
            <source>Not shown</source>
            <translation>Not shown</translation>
        </message>
        <message>
            <source>Re-identification check (card, captions, chapter titles, labels)</source>
            <translation>Re-identification check (card, captions, chapter titles, labels)</translation>
        </message>
        <message>
            <source>Keep as written</source>
            <translation>Keep as written</translation>
        </message>
        <message>
            <source>Acknowledge the selected flag: the phrase stays and your decision is listed on the audit sheet</source>
            <translation>Acknowledge the selected flag: the phrase stays and your decision is listed on the audit sheet</translation>
        </message>
        <message>
            <source>Edit context card</source>
            <translation>Edit context card</translation>
        </message>
        <message>
            <source>{kind} — {where}: « {phrase} »</source>
            <translation>{kind} — {where}: « {phrase} »</translation>
        </message>
        <message>
            <source>{count} phrases may identify the patient: reword them, or keep them as written. The export is blocked until then.</source>
            <translation>{count} phrases may identify the patient: reword them, or keep them as written. The export is blocked until then.</translation>
        </message>
        <message>
            <source>No phrase flagged.</source>
            <translation>No phrase flagged.</translation>
        </message>
        <message>
            <source>Caption {item}</source>
            <translation>Caption {item}</translation>
        </message>
        <message>
            <source>Chapter {item}</source>
            <translation>Chapter {item}</translation>
        </message>
        <message>
            <source>Label {item}</source>
            <translation>Label {item}</translation>
        </message>
        <message>
            <source>Keep flagged phrase</source>
            <translation>Keep flagged phrase</translation>
        </message>
    </context>
    <context>
        <name>QtConsentDialog</name>
        <message>
            <source>Consent — {case}</source>
            <translation>Consent — {case}</translation>
        </message>
        <message>
            <source>Retention (months, 0: vault default)</source>
            <translation>Retention (months, 0: vault default)</translation>
        </message>
        <message>
            <source>Countries and safeguards</source>
            <translation>Countries and safeguards</translation>
        </message>
        <message>
            <source>Dated</source>
            <translation>Dated</translation>
        </message>
        <message>
            <source>Transfers outside the EU allowed</source>
            <translation>Transfers outside the EU allowed</translation>
        </message>
        <message>
            <source>Attach the signed scan…</source>
            <translation>Attach the signed scan…</translation>
        </message>
        <message>
            <source>Consent form (PDF)…</source>
            <translation>Consent form (PDF)…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Attached</source>
            <translation>Attached</translation>
        </message>
        <message>
            <source>None</source>
            <translation>None</translation>
        </message>
        <message>
            <source>Only administrators and surgeons may change a consent record.</source>
            <translation>Only administrators and surgeons may change a consent record.</translation>
        </message>
        <message>
            <source>Consent saved (revision {revision}).</source>
            <translation>Consent saved (revision {revision}).</translation>
        </message>
        <message>
            <source>Scan stored encrypted in the vault.</source>
            <translation>Scan stored encrypted in the vault.</translation>
        </message>
        <message>
            <source>Signed consent scan</source>
            <translation>Signed consent scan</translation>
        </message>
        <message>
            <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
            <translation>Scans (*.pdf *.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>That file exists already: choose another name.</source>
            <translation>That file exists already: choose another name.</translation>
        </message>
        <message>
            <source>Save the consent form</source>
            <translation>Save the consent form</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>QtCreateVaultDialog</name>
        <message>
            <source>Create a vault</source>
            <translation>Create a vault</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>New folder</source>
            <translation>New folder</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>Password again</translation>
        </message>
        <message>
            <source>Choose a long password (at least 12 characters, or a phrase of several words). It is never stored: if every user forgets theirs, the footage cannot be recovered. You become the vault's administrator and can add other users.</source>
            <translation>Choose a long password (at least 12 characters, or a phrase of several words). It is never stored: if every user forgets theirs, the footage cannot be recovered. You become the vault's administrator and can add other users.</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>Create</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Choose an empty folder</source>
            <translation>Choose an empty folder</translation>
        </message>
        <message>
            <source>Choose a folder for the vault.</source>
            <translation>Choose a folder for the vault.</translation>
        </message>
    </context>
    <context>
        <name>QtDiagramsTab</name>
        <message>
            <source>Choose a tool, then drag on the picture (click for a label or an image). The diagram is shown between the in and out points, or from the playhead for the time below.</source>
            <translation>Choose a tool, then drag on the picture (click for a label or an image). The diagram is shown between the in and out points, or from the playhead for the time below.</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Colour</translation>
        </message>
        <message>
            <source>Line width (px)</source>
            <translation>Line width (px)</translation>
        </message>
        <message>
            <source>Shown for (s)</source>
            <translation>Shown for (s)</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Draw diagram</source>
            <translation>Draw diagram</translation>
        </message>
        <message>
            <source>Text label</source>
            <translation>Text label</translation>
        </message>
        <message>
            <source>Label:</source>
            <translation>Label:</translation>
        </message>
        <message>
            <source>Place an image</source>
            <translation>Place an image</translation>
        </message>
        <message>
            <source>Images (*.png *.svg)</source>
            <translation>Images (*.png *.svg)</translation>
        </message>
        <message>
            <source>Move diagram</source>
            <translation>Move diagram</translation>
        </message>
        <message>
            <source>Remove diagram</source>
            <translation>Remove diagram</translation>
        </message>
    </context>
    <context>
        <name>QtExpiredCasesDialog</name>
        <message>
            <source>Expired cases</source>
            <translation>Expired cases</translation>
        </message>
        <message>
            <source>These cases are past their retention date. Purging one crypto-shreds its videos, projects and exports in the vault.</source>
            <translation>These cases are past their retention date. Purging one crypto-shreds its videos, projects and exports in the vault.</translation>
        </message>
        <message>
            <source>{count} expired cases were purged automatically at unlock.</source>
            <translation>{count} expired cases were purged automatically at unlock.</translation>
        </message>
        <message>
            <source>Purge…</source>
            <translation>Purge…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Only administrators and surgeons may purge a case.</source>
            <translation>Only administrators and surgeons may purge a case.</translation>
        </message>
        <message>
            <source>{case} — expired on {date}</source>
            <translation>{case} — expired on {date}</translation>
        </message>
        <message>
            <source>Purge the case</source>
            <translation>Purge the case</translation>
        </message>
    </context>
    <context>
        <name>QtExportDialog</name>
        <message>
            <source>Export the redacted video</source>
            <translation>Export the redacted video</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Folder</translation>
        </message>
        <message>
            <source>Quality</source>
            <translation>Quality</translation>
        </message>
        <message>
            <source>Picture size</source>
            <translation>Picture size</translation>
        </message>
        <message>
            <source>Sound</source>
            <translation>Sound</translation>
        </message>
        <message>
            <source>Redaction</source>
            <translation>Redaction</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Purpose</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Channel</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>Consent</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>The lesson: sequences, narration, diagrams, context card</source>
            <translation>The lesson: sequences, narration, diagrams, context card</translation>
        </message>
        <message>
            <source>This video, whole</source>
            <translation>This video, whole</translation>
        </message>
        <message>
            <source>Standard (H.264, CRF 23) — for teaching and congresses</source>
            <translation>Standard (H.264, CRF 23) — for teaching and congresses</translation>
        </message>
        <message>
            <source>High (CRF 18, slower) — for editing later</source>
            <translation>High (CRF 18, slower) — for editing later</translation>
        </message>
        <message>
            <source>Small file (CRF 28) — for e-mail and platforms</source>
            <translation>Small file (CRF 28) — for e-mail and platforms</translation>
        </message>
        <message>
            <source>Remove the sound (recommended: voices identify people)</source>
            <translation>Remove the sound (recommended: voices identify people)</translation>
        </message>
        <message>
            <source>Keep the original sound</source>
            <translation>Keep the original sound</translation>
        </message>
        <message>
            <source>As set on each region</source>
            <translation>As set on each region</translation>
        </message>
        <message>
            <source>Solid fill everywhere</source>
            <translation>Solid fill everywhere</translation>
        </message>
        <message>
            <source>Pixelate everywhere</source>
            <translation>Pixelate everywhere</translation>
        </message>
        <message>
            <source>Blur everywhere</source>
            <translation>Blur everywhere</translation>
        </message>
        <message>
            <source>Exports keep the source's picture size.</source>
            <translation>Exports keep the source's picture size.</translation>
        </message>
        <message>
            <source>The export decodes the video from the vault, applies every region that is not rejected, writes a new file without the source's metadata, then runs face detection again on the result. Only if nothing identifying remains does it sign the audit sheet.</source>
            <translation>The export decodes the video from the vault, applies every region that is not rejected, writes a new file without the source's metadata, then runs face detection again on the result. Only if nothing identifying remains does it sign the audit sheet.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Cancel the export</source>
            <translation>Cancel the export</translation>
        </message>
        <message>
            <source>Open the audit sheet</source>
            <translation>Open the audit sheet</translation>
        </message>
        <message>
            <source>Open the folder</source>
            <translation>Open the folder</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Not recorded as given: the export will be refused. Record the patient's consent in the case file first.</source>
            <translation>Not recorded as given: the export will be refused. Record the patient's consent in the case file first.</translation>
        </message>
        <message>
            <source>Given on {date}, for: {purposes}; channels: {channels}.</source>
            <translation>Given on {date}, for: {purposes}; channels: {channels}.</translation>
        </message>
        <message>
            <source>A lesson's original sound follows its voice settings.</source>
            <translation>A lesson's original sound follows its voice settings.</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <source>Exported, verified and signed.</source>
            <translation>Exported, verified and signed.</translation>
        </message>
        <message>
            <source>Exported, but the verification of the package failed.</source>
            <translation>Exported, but the verification of the package failed.</translation>
        </message>
        <message>
            <source>Video: {video}
Audit sheet: {sheet}</source>
            <translation>Video: {video}
Audit sheet: {sheet}</translation>
        </message>
        <message>
            <source>Not releasable: faces remain visible in the export.</source>
            <translation>Not releasable: faces remain visible in the export.</translation>
        </message>
        <message>
            <source>Click a frame to go there, fix the regions, then export again.</source>
            <translation>Click a frame to go there, fix the regions, then export again.</translation>
        </message>
        <message>
            <source>Frame {frame}</source>
            <translation>Frame {frame}</translation>
        </message>
        <message>
            <source>The export failed.</source>
            <translation>The export failed.</translation>
        </message>
        <message>
            <source>Choose the export folder</source>
            <translation>Choose the export folder</translation>
        </message>
    </context>
    <context>
        <name>QtGuideBar</name>
        <message>
            <source>Import a video: File ▸ Import a video, or drop a file on the library. Then double-click it to open it.</source>
            <translation>Import a video: File ▸ Import a video, or drop a file on the library. Then double-click it to open it.</translation>
        </message>
        <message>
            <source>Step 1 of 3: click “Find regions to hide”. Voile proposes regions to hide; you can also draw your own (R).</source>
            <translation>Step 1 of 3: click “Find regions to hide”. Voile proposes regions to hide; you can also draw your own (R).</translation>
        </message>
        <message>
            <source>Looking for faces… You can watch the video meanwhile; edits are possible once the analysis ends.</source>
            <translation>Looking for faces… You can watch the video meanwhile; edits are possible once the analysis ends.</translation>
        </message>
        <message>
            <source>Step 2 of 3: review the proposals (left to review: {count}). Select one (N for the next), check it on the picture, then accept it (A) or reject it (X). Drag a box to fix it.</source>
            <translation>Step 2 of 3: review the proposals (left to review: {count}). Select one (N for the next), check it on the picture, then accept it (A) or reject it (X). Drag a box to fix it.</translation>
        </message>
        <message>
            <source>Step 3 of 3: every proposal is reviewed. Check the result with “Preview as exported” (E), then export (Ctrl+E).</source>
            <translation>Step 3 of 3: every proposal is reviewed. Check the result with “Preview as exported” (E), then export (Ctrl+E).</translation>
        </message>
        <message>
            <source>Example vault: its password is public, never put patient footage in it.</source>
            <translation>Example vault: its password is public, never put patient footage in it.</translation>
        </message>
    </context>
    <context>
        <name>QtInspector</name>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>Decision</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>Confidence</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Fill</source>
            <translation>Fill</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>Shape</translation>
        </message>
        <message>
            <source>Margin</source>
            <translation>Margin</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>Accept</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Reject</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <source>Accept I→O</source>
            <translation>Accept I→O</translation>
        </message>
        <message>
            <source>Reject I→O</source>
            <translation>Reject I→O</translation>
        </message>
        <message>
            <source>Split here</source>
            <translation>Split here</translation>
        </message>
        <message>
            <source>Trim to I→O</source>
            <translation>Trim to I→O</translation>
        </message>
        <message>
            <source>Follow</source>
            <translation>Follow</translation>
        </message>
        <message>
            <source>Redaction style</source>
            <translation>Redaction style</translation>
        </message>
        <message>
            <source>Decision and editing</source>
            <translation>Decision and editing</translation>
        </message>
        <message>
            <source>History</source>
            <translation>History</translation>
        </message>
        <message>
            <source>Space added around the box on every side, as a share of its size</source>
            <translation>Space added around the box on every side, as a share of its size</translation>
        </message>
        <message>
            <source>No track selected</source>
            <translation>No track selected</translation>
        </message>
        <message>
            <source>Track {track_id}</source>
            <translation>Track {track_id}</translation>
        </message>
        <message>
            <source>(partly rejected)</source>
            <translation>(partly rejected)</translation>
        </message>
        <message>
            <source>drawn by hand</source>
            <translation>drawn by hand</translation>
        </message>
        <message>
            <source>{score:.2f} on average, {count} detections</source>
            <translation>{score:.2f} on average, {count} detections</translation>
        </message>
        <message>
            <source>{start} to {end} ({frames} frames)</source>
            <translation>{start} to {end} ({frames} frames)</translation>
        </message>
        <message>
            <source>automatic detection</source>
            <translation>automatic detection</translation>
        </message>
        <message>
            <source>proposed</source>
            <translation>proposed</translation>
        </message>
        <message>
            <source>drawn</source>
            <translation>drawn</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>accepted</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>rejected</translation>
        </message>
        <message>
            <source>back to proposal</source>
            <translation>back to proposal</translation>
        </message>
        <message>
            <source>range accepted</source>
            <translation>range accepted</translation>
        </message>
        <message>
            <source>range rejected</source>
            <translation>range rejected</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>edited</translation>
        </message>
        <message>
            <source>style changed</source>
            <translation>style changed</translation>
        </message>
        <message>
            <source>split</source>
            <translation>split</translation>
        </message>
    </context>
    <context>
        <name>QtJobsPanel</name>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>(+{count} more)</source>
            <translation>(+{count} more)</translation>
        </message>
    </context>
    <context>
        <name>QtJournalDialog</name>
        <message>
            <source>Access journal</source>
            <translation>Access journal</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Time (UTC)</source>
            <translation>Time (UTC)</translation>
        </message>
        <message>
            <source>User</source>
            <translation>User</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Subject</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Detail</translation>
        </message>
        <message>
            <source>Export as CSV…</source>
            <translation>Export as CSV…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>{count} entries; the chain of signatures is intact.</source>
            <translation>{count} entries; the chain of signatures is intact.</translation>
        </message>
        <message>
            <source>The journal's chain breaks at entry {seq}: that entry or an earlier one was changed or removed outside Voile. Keep a copy of the vault and tell the administrator.</source>
            <translation>The journal's chain breaks at entry {seq}: that entry or an earlier one was changed or removed outside Voile. Keep a copy of the vault and tell the administrator.</translation>
        </message>
        <message>
            <source>Export the journal</source>
            <translation>Export the journal</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>QtLessonPanel</name>
        <message>
            <source>Sequences</source>
            <translation>Sequences</translation>
        </message>
        <message>
            <source>Narration</source>
            <translation>Narration</translation>
        </message>
        <message>
            <source>Voices</source>
            <translation>Voices</translation>
        </message>
        <message>
            <source>Diagrams</source>
            <translation>Diagrams</translation>
        </message>
        <message>
            <source>Context card</source>
            <translation>Context card</translation>
        </message>
        <message>
            <source>Captions</source>
            <translation>Captions</translation>
        </message>
    </context>
    <context>
        <name>QtLibraryPanel</name>
        <message>
            <source>Case / video</source>
            <translation>Case / video</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Review</translation>
        </message>
        <message>
            <source>Import a video…</source>
            <translation>Import a video…</translation>
        </message>
        <message>
            <source>Drop video files here to import them into the vault.</source>
            <translation>Drop video files here to import them into the vault.</translation>
        </message>
        <message>
            <source>Case {pseudonym}</source>
            <translation>Case {pseudonym}</translation>
        </message>
        <message>
            <source>Video {number}</source>
            <translation>Video {number}</translation>
        </message>
        <message>
            <source>{width}×{height}, {fps:.2f} frames/s, {frames} frames, id {media_id}</source>
            <translation>{width}×{height}, {fps:.2f} frames/s, {frames} frames, id {media_id}</translation>
        </message>
        <message>
            <source>Not analysed</source>
            <translation>Not analysed</translation>
        </message>
        <message>
            <source>{count} to review</source>
            <translation>{count} to review</translation>
        </message>
        <message>
            <source>Reviewed</source>
            <translation>Reviewed</translation>
        </message>
    </context>
    <context>
        <name>QtMainWindow</name>
        <message>
            <source>Voile — de-identification of surgical videos</source>
            <translation>Voile — de-identification of surgical videos</translation>
        </message>
        <message>
            <source>Main tools</source>
            <translation>Main tools</translation>
        </message>
        <message>
            <source>Library</source>
            <translation>Library</translation>
        </message>
        <message>
            <source>Tracks and inspector</source>
            <translation>Tracks and inspector</translation>
        </message>
        <message>
            <source>Teaching edit</source>
            <translation>Teaching edit</translation>
        </message>
        <message>
            <source>No sound output found: playback is silent.</source>
            <translation>No sound output found: playback is silent.</translation>
        </message>
        <message>
            <source>Unsaved edits (saved in a moment)</source>
            <translation>Unsaved edits (saved in a moment)</translation>
        </message>
        <message>
            <source>All edits saved in the vault</source>
            <translation>All edits saved in the vault</translation>
        </message>
        <message>
            <source>Residents cannot withdraw a consent or purge a case: a surgeon or an administrator must.</source>
            <translation>Residents cannot withdraw a consent or purge a case: a surgeon or an administrator must.</translation>
        </message>
        <message>
            <source>{title}: cancelled</source>
            <translation>{title}: cancelled</translation>
        </message>
        <message>
            <source>Import videos</source>
            <translation>Import videos</translation>
        </message>
        <message>
            <source>Videos (*.mp4 *.mov *.mkv *.avi *.m4v *.mts *.ts *.webm);;All files (*)</source>
            <translation>Videos (*.mp4 *.mov *.mkv *.avi *.m4v *.mts *.ts *.webm);;All files (*)</translation>
        </message>
        <message>
            <source>Import ({count} files)</source>
            <translation>Import ({count} files)</translation>
        </message>
        <message>
            <source>Import into which case?</source>
            <translation>Import into which case?</translation>
        </message>
        <message>
            <source>Choose a case, or type a label for a new one (it stays encrypted in the vault; the library shows only the case's pseudonym):</source>
            <translation>Choose a case, or type a label for a new one (it stays encrypted in the vault; the library shows only the case's pseudonym):</translation>
        </message>
        <message>
            <source>{count} videos imported</source>
            <translation>{count} videos imported</translation>
        </message>
        <message>
            <source>Working copy</source>
            <translation>Working copy</translation>
        </message>
        <message>
            <source>Analysis</source>
            <translation>Analysis</translation>
        </message>
        <message>
            <source>{count} proposals found</source>
            <translation>{count} proposals found</translation>
        </message>
        <message>
            <source>Select a region shown on this frame first.</source>
            <translation>Select a region shown on this frame first.</translation>
        </message>
        <message>
            <source>Region followed over {count} frames</source>
            <translation>Region followed over {count} frames</translation>
        </message>
        <message>
            <source>Follow region {track_id}</source>
            <translation>Follow region {track_id}</translation>
        </message>
        <message>
            <source>A job is running: wait for it or cancel it before locking.</source>
            <translation>A job is running: wait for it or cancel it before locking.</translation>
        </message>
        <message>
            <source>Voile</source>
            <translation>Voile</translation>
        </message>
        <message>
            <source>Quit Voile</source>
            <translation>Quit Voile</translation>
        </message>
        <message>
            <source>A job is still running. Cancel it and quit?</source>
            <translation>A job is still running. Cancel it and quit?</translation>
        </message>
        <message>
            <source>Drag on the picture to draw the region.</source>
            <translation>Drag on the picture to draw the region.</translation>
        </message>
        <message>
            <source>No proposal left to review.</source>
            <translation>No proposal left to review.</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Command</translation>
        </message>
        <message>
            <source>About Voile</source>
            <translation>About Voile</translation>
        </message>
        <message>
            <source>Voile {version} de-identifies surgical videos offline: encrypted vault, face proposals to review, redacted export, signed audit sheet.
Free software under the GNU GPL version 3 or later.</source>
            <translation>Voile {version} de-identifies surgical videos offline: encrypted vault, face proposals to review, redacted export, signed audit sheet.
Free software under the GNU GPL version 3 or later.</translation>
        </message>
        <message>
            <source>Drag on the picture to draw the diagram.</source>
            <translation>Drag on the picture to draw the diagram.</translation>
        </message>
    </context>
    <context>
        <name>QtMediaDocument</name>
        <message>
            <source>Accept</source>
            <translation>Accept</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Reject</translation>
        </message>
        <message>
            <source>Back to proposal</source>
            <translation>Back to proposal</translation>
        </message>
        <message>
            <source>Accept range</source>
            <translation>Accept range</translation>
        </message>
        <message>
            <source>Reject range</source>
            <translation>Reject range</translation>
        </message>
        <message>
            <source>Move region</source>
            <translation>Move region</translation>
        </message>
        <message>
            <source>Change style</source>
            <translation>Change style</translation>
        </message>
        <message>
            <source>Change kind</source>
            <translation>Change kind</translation>
        </message>
        <message>
            <source>Trim</source>
            <translation>Trim</translation>
        </message>
        <message>
            <source>Split</source>
            <translation>Split</translation>
        </message>
        <message>
            <source>Draw region</source>
            <translation>Draw region</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Follow region</source>
            <translation>Follow region</translation>
        </message>
    </context>
    <context>
        <name>QtNarrationTab</name>
        <message>
            <source>Import…</source>
            <translation>Import…</translation>
        </message>
        <message>
            <source>Place a WAV, MP3, M4A or FLAC file at the playhead</source>
            <translation>Place a WAV, MP3, M4A or FLAC file at the playhead</translation>
        </message>
        <message>
            <source>Record…</source>
            <translation>Record…</translation>
        </message>
        <message>
            <source>Retake…</source>
            <translation>Retake…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Starts at (s)</source>
            <translation>Starts at (s)</translation>
        </message>
        <message>
            <source>Trim start (s)</source>
            <translation>Trim start (s)</translation>
        </message>
        <message>
            <source>Duration (s)</source>
            <translation>Duration (s)</translation>
        </message>
        <message>
            <source>Gain (dB)</source>
            <translation>Gain (dB)</translation>
        </message>
        <message>
            <source>recorded</source>
            <translation>recorded</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>imported</translation>
        </message>
        <message>
            <source>Record from the microphone at the playhead, after a 3-2-1 countdown</source>
            <translation>Record from the microphone at the playhead, after a 3-2-1 countdown</translation>
        </message>
        <message>
            <source>Record the selected clip again at the same place</source>
            <translation>Record the selected clip again at the same place</translation>
        </message>
        <message>
            <source>Edit narration clip</source>
            <translation>Edit narration clip</translation>
        </message>
        <message>
            <source>Retake narration</source>
            <translation>Retake narration</translation>
        </message>
        <message>
            <source>Add narration</source>
            <translation>Add narration</translation>
        </message>
        <message>
            <source>Import narration</source>
            <translation>Import narration</translation>
        </message>
        <message>
            <source>Import a narration</source>
            <translation>Import a narration</translation>
        </message>
        <message>
            <source>Sound files (*.wav *.mp3 *.m4a *.flac);;All files (*)</source>
            <translation>Sound files (*.wav *.mp3 *.m4a *.flac);;All files (*)</translation>
        </message>
        <message>
            <source>Remove narration</source>
            <translation>Remove narration</translation>
        </message>
    </context>
    <context>
        <name>QtPreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>Preferences</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Lock the vault after</source>
            <translation>Lock the vault after</translation>
        </message>
        <message>
            <source>Save edits after</source>
            <translation>Save edits after</translation>
        </message>
        <message>
            <source>As the system</source>
            <translation>As the system</translation>
        </message>
        <message>
            <source>min idle</source>
            <translation>min idle</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Never</translation>
        </message>
        <message>
            <source>s</source>
            <translation>s</translation>
        </message>
        <message>
            <source>Edits are saved in the vault this long after the last change, and when the window closes.</source>
            <translation>Edits are saved in the vault this long after the last change, and when the window closes.</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>QtRecordDialog</name>
        <message>
            <source>Record a narration</source>
            <translation>Record a narration</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Stop</translation>
        </message>
        <message>
            <source>Keep this take</source>
            <translation>Keep this take</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message>
            <source>Press Record: recording starts after a 3-2-1 countdown. The take is placed at the playhead.</source>
            <translation>Press Record: recording starts after a 3-2-1 countdown. The take is placed at the playhead.</translation>
        </message>
        <message>
            <source>{seconds} s recorded</source>
            <translation>{seconds} s recorded</translation>
        </message>
        <message>
            <source>Recording… press Stop when you are done.</source>
            <translation>Recording… press Stop when you are done.</translation>
        </message>
        <message>
            <source>Take of {seconds} s ready: keep it or discard it.</source>
            <translation>Take of {seconds} s ready: keep it or discard it.</translation>
        </message>
    </context>
    <context>
        <name>QtReviewDialog</name>
        <message>
            <source>Review an export</source>
            <translation>Review an export</translation>
        </message>
        <message>
            <source>Choose the export folder…</source>
            <translation>Choose the export folder…</translation>
        </message>
        <message>
            <source>Approve as reviewer</source>
            <translation>Approve as reviewer</translation>
        </message>
        <message>
            <source>Facts signed in the manifest</source>
            <translation>Facts signed in the manifest</translation>
        </message>
        <message>
            <source>Reviewer key (.p12)</source>
            <translation>Reviewer key (.p12)</translation>
        </message>
        <message>
            <source>Key password</source>
            <translation>Key password</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>Sign the approval</source>
            <translation>Sign the approval</translation>
        </message>
        <message>
            <source>Record the release…</source>
            <translation>Record the release…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Choose an export folder: it is verified offline before anything is signed.</source>
            <translation>Choose an export folder: it is verified offline before anything is signed.</translation>
        </message>
        <message>
            <source>Residents cannot release an export: an administrator or a surgeon must.</source>
            <translation>Residents cannot release an export: an administrator or a surgeon must.</translation>
        </message>
        <message>
            <source>The package verifies: video, sheet and signatures match.</source>
            <translation>The package verifies: video, sheet and signatures match.</translation>
        </message>
        <message>
            <source>The package does NOT verify: do not publish it.</source>
            <translation>The package does NOT verify: do not publish it.</translation>
        </message>
        <message>
            <source>Approved and signed by {reviewer}.</source>
            <translation>Approved and signed by {reviewer}.</translation>
        </message>
        <message>
            <source>Release recorded on channel {channel}.</source>
            <translation>Release recorded on channel {channel}.</translation>
        </message>
        <message>
            <source>Choose the export folder</source>
            <translation>Choose the export folder</translation>
        </message>
        <message>
            <source>Reviewer key</source>
            <translation>Reviewer key</translation>
        </message>
        <message>
            <source>PKCS#12 keys (*.p12 *.pfx)</source>
            <translation>PKCS#12 keys (*.p12 *.pfx)</translation>
        </message>
        <message>
            <source>Record the release</source>
            <translation>Record the release</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Purpose</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Channel</translation>
        </message>
    </context>
    <context>
        <name>QtSequencesTab</name>
        <message>
            <source>Mark in (I) and out (O) on the timeline, then keep the range. A titled sequence starts a chapter.</source>
            <translation>Mark in (I) and out (O) on the timeline, then keep the range. A titled sequence starts a chapter.</translation>
        </message>
        <message>
            <source>Keep in/out…</source>
            <translation>Keep in/out…</translation>
        </message>
        <message>
            <source>Keep the range between the in and out points as a sequence</source>
            <translation>Keep the range between the in and out points as a sequence</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Up</translation>
        </message>
        <message>
            <source>Down</source>
            <translation>Down</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translation>Rename…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>(no chapter title)</source>
            <translation>(no chapter title)</translation>
        </message>
        <message>
            <source>Set the in and out points first.</source>
            <translation>Set the in and out points first.</translation>
        </message>
        <message>
            <source>Keep sequence</source>
            <translation>Keep sequence</translation>
        </message>
        <message>
            <source>Keep the range</source>
            <translation>Keep the range</translation>
        </message>
        <message>
            <source>Chapter title (may be empty):</source>
            <translation>Chapter title (may be empty):</translation>
        </message>
        <message>
            <source>Reorder sequences</source>
            <translation>Reorder sequences</translation>
        </message>
        <message>
            <source>Rename sequence</source>
            <translation>Rename sequence</translation>
        </message>
        <message>
            <source>Remove sequence</source>
            <translation>Remove sequence</translation>
        </message>
        <message>
            <source>Rename the sequence</source>
            <translation>Rename the sequence</translation>
        </message>
    </context>
    <context>
        <name>QtTimeline</name>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Pictures</source>
            <translation>Pictures</translation>
        </message>
        <message>
            <source>Sound</source>
            <translation>Sound</translation>
        </message>
        <message>
            <source>Analysis</source>
            <translation>Analysis</translation>
        </message>
        <message>
            <source>No sound track</source>
            <translation>No sound track</translation>
        </message>
        <message>
            <source>Not analysed</source>
            <translation>Not analysed</translation>
        </message>
        <message>
            <source>Kept</source>
            <translation>Kept</translation>
        </message>
        <message>
            <source>Narration</source>
            <translation>Narration</translation>
        </message>
        <message>
            <source>Drag on the ruler to scrub. Click a lane to select its track; drag its ends to trim. Drag a narration clip to move it, or its ends to trim it. Ctrl+wheel zooms, Shift+wheel scrolls in time. Striped: to review; grey: rejected; red on the analysis row: frames the analysis could not cover.</source>
            <translation>Drag on the ruler to scrub. Click a lane to select its track; drag its ends to trim. Drag a narration clip to move it, or its ends to trim it. Ctrl+wheel zooms, Shift+wheel scrolls in time. Striped: to review; grey: rejected; red on the analysis row: frames the analysis could not cover.</translation>
        </message>
    </context>
    <context>
        <name>QtTrackList</name>
        <message>
            <source>Track</source>
            <translation>Track</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>Decision</translation>
        </message>
        <message>
            <source>◀ Previous</source>
            <translation>◀ Previous</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>Accept</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Reject</translation>
        </message>
        <message>
            <source>Next ▶</source>
            <translation>Next ▶</translation>
        </message>
        <message>
            <source>All tracks</source>
            <translation>All tracks</translation>
        </message>
        <message>
            <source>To review only</source>
            <translation>To review only</translation>
        </message>
        <message>
            <source>Open a video from the library.</source>
            <translation>Open a video from the library.</translation>
        </message>
        <message>
            <source>Not analysed yet: use “Find regions to hide” to get proposals, or draw regions yourself.</source>
            <translation>Not analysed yet: use “Find regions to hide” to get proposals, or draw regions yourself.</translation>
        </message>
        <message>
            <source>Proposals left to review: {pending} (tracks: {total}).</source>
            <translation>Proposals left to review: {pending} (tracks: {total}).</translation>
        </message>
        <message>
            <source>Every proposal is reviewed ({total} tracks).</source>
            <translation>Every proposal is reviewed ({total} tracks).</translation>
        </message>
        <message>
            <source>(partly rejected)</source>
            <translation>(partly rejected)</translation>
        </message>
    </context>
    <context>
        <name>QtTransportBar</name>
        <message>
            <source>frame {frame}</source>
            <translation>frame {frame}</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Paused</translation>
        </message>
        <message>
            <source>Playing ×{rate:g}</source>
            <translation>Playing ×{rate:g}</translation>
        </message>
        <message>
            <source>Playing backward ×{rate:g}</source>
            <translation>Playing backward ×{rate:g}</translation>
        </message>
        <message>
            <source>Exact frame</source>
            <translation>Exact frame</translation>
        </message>
        <message>
            <source>Working copy</source>
            <translation>Working copy</translation>
        </message>
        <message>
            <source>While scrubbing, the low-resolution working copy is shown; the exact frame of the source replaces it as soon as the playhead rests.</source>
            <translation>While scrubbing, the low-resolution working copy is shown; the exact frame of the source replaces it as soon as the playhead rests.</translation>
        </message>
    </context>
    <context>
        <name>QtUnlockDialog</name>
        <message>
            <source>Voile — unlock a vault</source>
            <translation>Voile — unlock a vault</translation>
        </message>
        <message>
            <source>Unlock a vault</source>
            <translation>Unlock a vault</translation>
        </message>
        <message>
            <source>The vault is the encrypted folder that holds the raw footage and the review of each case. Nothing in it can be read without a password.</source>
            <translation>The vault is the encrypted folder that holds the raw footage and the review of each case. Nothing in it can be read without a password.</translation>
        </message>
        <message>
            <source>Vault folder</source>
            <translation>Vault folder</translation>
        </message>
        <message>
            <source>User</source>
            <translation>User</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Key file</source>
            <translation>Key file</translation>
        </message>
        <message>
            <source>This user also needs their key file</source>
            <translation>This user also needs their key file</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <source>Create a vault…</source>
            <translation>Create a vault…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Choose the vault's folder</source>
            <translation>Choose the vault's folder</translation>
        </message>
        <message>
            <source>Choose your key file</source>
            <translation>Choose your key file</translation>
        </message>
        <message>
            <source>Unlocking…</source>
            <translation>Unlocking…</translation>
        </message>
        <message>
            <source>Choose the vault's folder first.</source>
            <translation>Choose the vault's folder first.</translation>
        </message>
        <message>
            <source>Type your password.</source>
            <translation>Type your password.</translation>
        </message>
        <message>
            <source>The key file cannot be read. Choose it again.</source>
            <translation>The key file cannot be read. Choose it again.</translation>
        </message>
    </context>
    <context>
        <name>QtUsersDialog</name>
        <message>
            <source>Users and roles</source>
            <translation>Users and roles</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Patient identities</source>
            <translation>Patient identities</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <source>Change role…</source>
            <translation>Change role…</translation>
        </message>
        <message>
            <source>Grant or revoke identity access</source>
            <translation>Grant or revoke identity access</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>Remove…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Removed on {date}</source>
            <translation>Removed on {date}</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Yes</translation>
        </message>
        <message>
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <source>Only administrators manage users.</source>
            <translation>Only administrators manage users.</translation>
        </message>
        <message>
            <source>Remove a user</source>
            <translation>Remove a user</translation>
        </message>
        <message>
            <source>Remove {name}? They will no longer be able to unlock this vault; the journal and the audit sheets keep their name.</source>
            <translation>Remove {name}? They will no longer be able to unlock this vault; the journal and the audit sheets keep their name.</translation>
        </message>
    </context>
    <context>
        <name>QtVoicesTab</name>
        <message>
            <source>Original sound</source>
            <translation>Original sound</translation>
        </message>
        <message>
            <source>Between in and out</source>
            <translation>Between in and out</translation>
        </message>
        <message>
            <source>Pitch shift (semitones)</source>
            <translation>Pitch shift (semitones)</translation>
        </message>
        <message>
            <source>Formant shift (semitones)</source>
            <translation>Formant shift (semitones)</translation>
        </message>
        <message>
            <source>Apply to in/out</source>
            <translation>Apply to in/out</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Voices identify people: keeping them is recorded on the audit sheet.</source>
            <translation>Voices identify people: keeping them is recorded on the audit sheet.</translation>
        </message>
        <message>
            <source>Set the in and out points first.</source>
            <translation>Set the in and out points first.</translation>
        </message>
        <message>
            <source>Set voice range</source>
            <translation>Set voice range</translation>
        </message>
        <message>
            <source>Remove voice range</source>
            <translation>Remove voice range</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <source>Administrator</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <source>Surgeon</source>
            <translation>Surgeon</translation>
        </message>
        <message>
            <source>Resident</source>
            <translation>Resident</translation>
        </message>
    </context>
</TS>
