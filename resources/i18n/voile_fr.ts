<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Vérification</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Lecture</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Open another vault…</source>
        <translation>Ouvrir un autre coffre…</translation>
    </message>
    <message>
        <source>Import a video…</source>
        <translation>Importer une vidéo…</translation>
    </message>
    <message>
        <source>Copy a video into the vault, encrypted, and make its working copy</source>
        <translation>Copier une vidéo dans le coffre, chiffrée, et créer sa vidéo de travail</translation>
    </message>
    <message>
        <source>Look for faces</source>
        <translation>Rechercher les visages</translation>
    </message>
    <message>
        <source>Run face detection on the open video; it proposes regions to review</source>
        <translation>Lancer la détection des visages sur la vidéo ouverte ; elle propose des zones à vérifier</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Write the redacted video, verify it and sign its audit sheet</source>
        <translation>Écrire la vidéo masquée, la vérifier et signer sa fiche d&apos;audit</translation>
    </message>
    <message>
        <source>Add a user…</source>
        <translation>Ajouter un utilisateur…</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Préférences…</translation>
    </message>
    <message>
        <source>Lock the vault</source>
        <translation>Verrouiller le coffre</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Draw a region</source>
        <translation>Dessiner une zone</translation>
    </message>
    <message>
        <source>Drag on the picture to add a region; it is then followed through the video</source>
        <translation>Faites glisser sur l&apos;image pour ajouter une zone ; elle est ensuite suivie dans la vidéo</translation>
    </message>
    <message>
        <source>Follow the region</source>
        <translation>Suivre la zone</translation>
    </message>
    <message>
        <source>Follow the selected region forward and backward from this frame</source>
        <translation>Suivre la zone sélectionnée vers l&apos;avant et vers l&apos;arrière à partir de cette image</translation>
    </message>
    <message>
        <source>Split at the playhead</source>
        <translation>Couper à la tête de lecture</translation>
    </message>
    <message>
        <source>Trim to the in/out points</source>
        <translation>Raccourcir aux points d&apos;entrée et de sortie</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete a drawn region; reject a proposal</source>
        <translation>Supprimer une zone dessinée ; rejeter une proposition</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Keep this region redacted</source>
        <translation>Garder cette zone masquée</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>This proposal is wrong: leave the picture as it is</source>
        <translation>Cette proposition est fausse : laisser l&apos;image telle quelle</translation>
    </message>
    <message>
        <source>Back to proposal</source>
        <translation>Revenir à la proposition</translation>
    </message>
    <message>
        <source>Accept between in and out</source>
        <translation>Accepter entre l&apos;entrée et la sortie</translation>
    </message>
    <message>
        <source>Reject between in and out</source>
        <translation>Rejeter entre l&apos;entrée et la sortie</translation>
    </message>
    <message>
        <source>Next proposal to review</source>
        <translation>Proposition suivante à vérifier</translation>
    </message>
    <message>
        <source>Previous proposal to review</source>
        <translation>Proposition précédente à vérifier</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Lecture / pause</translation>
    </message>
    <message>
        <source>Play backward (faster)</source>
        <translation>Lire en arrière (plus vite)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play forward (faster)</source>
        <translation>Lire en avant (plus vite)</translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation>Une image en arrière</translation>
    </message>
    <message>
        <source>One frame forward</source>
        <translation>Une image en avant</translation>
    </message>
    <message>
        <source>One second back</source>
        <translation>Une seconde en arrière</translation>
    </message>
    <message>
        <source>One second forward</source>
        <translation>Une seconde en avant</translation>
    </message>
    <message>
        <source>Go to the start</source>
        <translation>Aller au début</translation>
    </message>
    <message>
        <source>Go to the end</source>
        <translation>Aller à la fin</translation>
    </message>
    <message>
        <source>Set the in point</source>
        <translation>Placer le point d&apos;entrée</translation>
    </message>
    <message>
        <source>Set the out point</source>
        <translation>Placer le point de sortie</translation>
    </message>
    <message>
        <source>Clear the in and out points</source>
        <translation>Effacer les points d&apos;entrée et de sortie</translation>
    </message>
    <message>
        <source>Preview as exported</source>
        <translation>Aperçu de l&apos;export</translation>
    </message>
    <message>
        <source>Show the picture redacted exactly as the export will be</source>
        <translation>Montrer l&apos;image masquée exactement comme dans l&apos;export</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Fit the picture</source>
        <translation>Ajuster l&apos;image</translation>
    </message>
    <message>
        <source>Actual size (1:1)</source>
        <translation>Taille réelle (1:1)</translation>
    </message>
    <message>
        <source>Zoom the timeline in</source>
        <translation>Zoom avant sur la timeline</translation>
    </message>
    <message>
        <source>Zoom the timeline out</source>
        <translation>Zoom arrière sur la timeline</translation>
    </message>
    <message>
        <source>Show the whole timeline</source>
        <translation>Afficher toute la timeline</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>About Voile</source>
        <translation>À propos de Voile</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Voile — example</source>
        <translation>Voile — exemple</translation>
    </message>
    <message>
        <source>Preparing the example…</source>
        <translation>Préparation de l&apos;exemple…</translation>
    </message>
    <message>
        <source>Preparing the example: {stage}…</source>
        <translation>Préparation de l&apos;exemple : {stage}…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An unexpected error occurred ({kind}). The details are in the log.</source>
        <translation>Une erreur inattendue s&apos;est produite ({kind}). Les détails sont dans le journal.</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Importing</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>Building the working copy</source>
        <translation>Création de la vidéo de travail</translation>
    </message>
    <message>
        <source>Looking for faces</source>
        <translation>Recherche des visages</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Verifying the export</source>
        <translation>Vérification de l&apos;export</translation>
    </message>
    <message>
        <source>Signing the audit sheet</source>
        <translation>Signature de la fiche d&apos;audit</translation>
    </message>
    <message>
        <source>Following the region</source>
        <translation>Suivi de la zone</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>estimation du temps restant…</translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation>encore {seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min {seconds:02d} s left</source>
        <translation>encore {minutes} min {seconds:02d} s</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Face</source>
        <translation>Visage</translation>
    </message>
    <message>
        <source>Burned-in text</source>
        <translation>Texte incrusté</translation>
    </message>
    <message>
        <source>Out-of-body frame</source>
        <translation>Image hors du corps</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Manual region</source>
        <translation>Zone manuelle</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Acceptée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Solid fill</source>
        <translation>Aplat</translation>
    </message>
    <message>
        <source>Pixelate</source>
        <translation>Pixellisation</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>Flou</translation>
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
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Their password</source>
        <translation>Son mot de passe</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Mot de passe (confirmation)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>QtCreateVaultDialog</name>
    <message>
        <source>Create a vault</source>
        <translation>Créer un coffre</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Mot de passe (confirmation)</translation>
    </message>
    <message>
        <source>Choose a long password (at least 12 characters, or a phrase of several words). It is never stored: if every user forgets theirs, the footage cannot be recovered. You become the vault&apos;s administrator and can add other users.</source>
        <translation>Choisissez un mot de passe long (au moins 12 caractères, ou une phrase de plusieurs mots). Il n&apos;est jamais enregistré : si tous les utilisateurs oublient le leur, les vidéos sont irrécupérables. Vous devenez l&apos;administrateur du coffre et pouvez ajouter d&apos;autres utilisateurs.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Choose an empty folder</source>
        <translation>Choisir un dossier vide</translation>
    </message>
    <message>
        <source>Choose a folder for the vault.</source>
        <translation>Choisissez un dossier pour le coffre.</translation>
    </message>
</context>
<context>
    <name>QtExportDialog</name>
    <message>
        <source>Export the redacted video</source>
        <translation>Exporter la vidéo masquée</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Picture size</source>
        <translation>Taille de l&apos;image</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>Redaction</source>
        <translation>Masquage</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalité</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal de diffusion</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Standard (H.264, CRF 23) — for teaching and congresses</source>
        <translation>Standard (H.264, CRF 23) — pour l&apos;enseignement et les congrès</translation>
    </message>
    <message>
        <source>High (CRF 18, slower) — for editing later</source>
        <translation>Haute (CRF 18, plus lent) — pour un montage ultérieur</translation>
    </message>
    <message>
        <source>Small file (CRF 28) — for e-mail and platforms</source>
        <translation>Fichier léger (CRF 28) — pour le courriel et les plateformes</translation>
    </message>
    <message>
        <source>Remove the sound (recommended: voices identify people)</source>
        <translation>Supprimer le son (recommandé : les voix identifient les personnes)</translation>
    </message>
    <message>
        <source>Keep the original sound</source>
        <translation>Garder le son d&apos;origine</translation>
    </message>
    <message>
        <source>As set on each region</source>
        <translation>Comme réglé sur chaque zone</translation>
    </message>
    <message>
        <source>Solid fill everywhere</source>
        <translation>Aplat partout</translation>
    </message>
    <message>
        <source>Pixelate everywhere</source>
        <translation>Pixellisation partout</translation>
    </message>
    <message>
        <source>Blur everywhere</source>
        <translation>Flou partout</translation>
    </message>
    <message>
        <source>Exports keep the source&apos;s picture size.</source>
        <translation>L&apos;export garde la taille d&apos;image de la source.</translation>
    </message>
    <message>
        <source>The export decodes the video from the vault, applies every region that is not rejected, writes a new file without the source&apos;s metadata, then runs face detection again on the result. Only if nothing identifying remains does it sign the audit sheet.</source>
        <translation>L&apos;export décode la vidéo depuis le coffre, applique toutes les zones non rejetées, écrit un nouveau fichier sans les métadonnées de la source, puis relance la détection des visages sur le résultat. Il ne signe la fiche d&apos;audit que si plus rien d&apos;identifiant ne subsiste.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>Annuler l&apos;export</translation>
    </message>
    <message>
        <source>Open the audit sheet</source>
        <translation>Ouvrir la fiche d&apos;audit</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Not recorded as given: the export will be refused. Record the patient&apos;s consent in the case file first.</source>
        <translation>Non enregistré comme donné : l&apos;export sera refusé. Enregistrez d&apos;abord le consentement du patient dans le dossier.</translation>
    </message>
    <message>
        <source>Given on {date}, for: {purposes}; channels: {channels}.</source>
        <translation>Donné le {date}, pour : {purposes} ; canaux : {channels}.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Exported, verified and signed.</source>
        <translation>Exportée, vérifiée et signée.</translation>
    </message>
    <message>
        <source>Exported, but the verification of the package failed.</source>
        <translation>Exportée, mais la vérification du paquet a échoué.</translation>
    </message>
    <message>
        <source>Video: {video}
Audit sheet: {sheet}</source>
        <translation>Vidéo : {video}
Fiche d&apos;audit : {sheet}</translation>
    </message>
    <message>
        <source>Not releasable: faces remain visible in the export.</source>
        <translation>Non diffusable : des visages restent visibles dans l&apos;export.</translation>
    </message>
    <message>
        <source>Click a frame to go there, fix the regions, then export again.</source>
        <translation>Cliquez sur une image pour y aller, corrigez les zones, puis exportez de nouveau.</translation>
    </message>
    <message>
        <source>Frame {frame}</source>
        <translation>Image {frame}</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>L&apos;export a échoué.</translation>
    </message>
    <message>
        <source>Choose the export folder</source>
        <translation>Choisir le dossier d&apos;export</translation>
    </message>
</context>
<context>
    <name>QtGuideBar</name>
    <message>
        <source>Import a video: File ▸ Import a video, or drop a file on the library. Then double-click it to open it.</source>
        <translation>Importez une vidéo : Fichier ▸ Importer une vidéo, ou déposez un fichier sur la bibliothèque. Double-cliquez ensuite dessus pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>Step 1 of 3: click “Look for faces”. Voile proposes regions to hide; you can also draw your own (R).</source>
        <translation>Étape 1 sur 3 : cliquez sur « Rechercher les visages ». Voile propose des zones à masquer ; vous pouvez aussi dessiner les vôtres (R).</translation>
    </message>
    <message>
        <source>Looking for faces… You can watch the video meanwhile; edits are possible once the analysis ends.</source>
        <translation>Recherche des visages… Vous pouvez regarder la vidéo en attendant ; les modifications seront possibles à la fin de l&apos;analyse.</translation>
    </message>
    <message>
        <source>Step 2 of 3: review the proposals (left to review: {count}). Select one (N for the next), check it on the picture, then accept it (A) or reject it (X). Drag a box to fix it.</source>
        <translation>Étape 2 sur 3 : vérifiez les propositions (reste à vérifier : {count}). Sélectionnez-en une (N pour la suivante), contrôlez-la sur l&apos;image, puis acceptez-la (A) ou rejetez-la (X). Faites glisser un cadre pour le corriger.</translation>
    </message>
    <message>
        <source>Step 3 of 3: every proposal is reviewed. Check the result with “Preview as exported” (E), then export (Ctrl+E).</source>
        <translation>Étape 3 sur 3 : toutes les propositions sont vérifiées. Contrôlez le résultat avec « Aperçu de l&apos;export » (E), puis exportez (Ctrl+E).</translation>
    </message>
    <message>
        <source>Example vault: its password is public, never put patient footage in it.</source>
        <translation>Coffre d&apos;exemple : son mot de passe est public, n&apos;y mettez jamais de vidéo de patient.</translation>
    </message>
</context>
<context>
    <name>QtInspector</name>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Remplissage</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Marge</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Accept I→O</source>
        <translation>Accepter E→S</translation>
    </message>
    <message>
        <source>Reject I→O</source>
        <translation>Rejeter E→S</translation>
    </message>
    <message>
        <source>Split here</source>
        <translation>Couper ici</translation>
    </message>
    <message>
        <source>Trim to I→O</source>
        <translation>Raccourcir E→S</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>Redaction style</source>
        <translation>Style de masquage</translation>
    </message>
    <message>
        <source>Decision and editing</source>
        <translation>Décision et modification</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Space added around the box on every side, as a share of its size</source>
        <translation>Espace ajouté autour du cadre de chaque côté, en part de sa taille</translation>
    </message>
    <message>
        <source>No track selected</source>
        <translation>Aucune piste sélectionnée</translation>
    </message>
    <message>
        <source>Track {track_id}</source>
        <translation>Piste {track_id}</translation>
    </message>
    <message>
        <source>(partly rejected)</source>
        <translation>(en partie rejetée)</translation>
    </message>
    <message>
        <source>drawn by hand</source>
        <translation>dessinée à la main</translation>
    </message>
    <message>
        <source>{score:.2f} on average, {count} detections</source>
        <translation>{score:.2f} en moyenne, {count} détections</translation>
    </message>
    <message>
        <source>{start} to {end} ({frames} frames)</source>
        <translation>de {start} à {end} ({frames} images)</translation>
    </message>
    <message>
        <source>automatic detection</source>
        <translation>détection automatique</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>proposée</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>dessinée</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>acceptée</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejetée</translation>
    </message>
    <message>
        <source>back to proposal</source>
        <translation>revenue à l&apos;état de proposition</translation>
    </message>
    <message>
        <source>range accepted</source>
        <translation>plage acceptée</translation>
    </message>
    <message>
        <source>range rejected</source>
        <translation>plage rejetée</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <source>style changed</source>
        <translation>style modifié</translation>
    </message>
    <message>
        <source>split</source>
        <translation>coupée</translation>
    </message>
</context>
<context>
    <name>QtJobsPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>(+{count} more)</source>
        <translation>(+{count} autres)</translation>
    </message>
</context>
<context>
    <name>QtLibraryPanel</name>
    <message>
        <source>Case / video</source>
        <translation>Dossier / vidéo</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Import a video…</source>
        <translation>Importer une vidéo…</translation>
    </message>
    <message>
        <source>Drop video files here to import them into the vault.</source>
        <translation>Déposez des fichiers vidéo ici pour les importer dans le coffre.</translation>
    </message>
    <message>
        <source>Case {pseudonym}</source>
        <translation>Dossier {pseudonym}</translation>
    </message>
    <message>
        <source>Video {number}</source>
        <translation>Vidéo {number}</translation>
    </message>
    <message>
        <source>{width}×{height}, {fps:.2f} frames/s, {frames} frames, id {media_id}</source>
        <translation>{width}×{height}, {fps:.2f} images/s, {frames} images, identifiant {media_id}</translation>
    </message>
    <message>
        <source>Not analysed</source>
        <translation>Non analysée</translation>
    </message>
    <message>
        <source>{count} to review</source>
        <translation>{count} à vérifier</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Vérifiée</translation>
    </message>
</context>
<context>
    <name>QtMainWindow</name>
    <message>
        <source>Voile — de-identification of surgical videos</source>
        <translation>Voile — désidentification des vidéos chirurgicales</translation>
    </message>
    <message>
        <source>Main tools</source>
        <translation>Outils principaux</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Tracks and inspector</source>
        <translation>Pistes et inspecteur</translation>
    </message>
    <message>
        <source>No sound output found: playback is silent.</source>
        <translation>Aucune sortie audio trouvée : la lecture est muette.</translation>
    </message>
    <message>
        <source>Unsaved edits (saved in a moment)</source>
        <translation>Modifications non enregistrées (enregistrement imminent)</translation>
    </message>
    <message>
        <source>All edits saved in the vault</source>
        <translation>Toutes les modifications sont enregistrées dans le coffre</translation>
    </message>
    <message>
        <source>{title}: cancelled</source>
        <translation>{title} : annulé</translation>
    </message>
    <message>
        <source>Import videos</source>
        <translation>Importer des vidéos</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.avi *.m4v *.mts *.ts *.webm);;All files (*)</source>
        <translation>Vidéos (*.mp4 *.mov *.mkv *.avi *.m4v *.mts *.ts *.webm);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import ({count} files)</source>
        <translation>Importation ({count} fichiers)</translation>
    </message>
    <message>
        <source>Import into which case?</source>
        <translation>Importer dans quel dossier ?</translation>
    </message>
    <message>
        <source>Choose a case, or type a label for a new one (it stays encrypted in the vault; the library shows only the case&apos;s pseudonym):</source>
        <translation>Choisissez un dossier, ou tapez le libellé d&apos;un nouveau dossier (il reste chiffré dans le coffre ; la bibliothèque n&apos;affiche que le pseudonyme du dossier) :</translation>
    </message>
    <message>
        <source>{count} videos imported</source>
        <translation>Vidéos importées : {count}</translation>
    </message>
    <message>
        <source>Working copy</source>
        <translation>Vidéo de travail</translation>
    </message>
    <message>
        <source>Face detection</source>
        <translation>Détection des visages</translation>
    </message>
    <message>
        <source>{count} proposals found</source>
        <translation>Propositions trouvées : {count}</translation>
    </message>
    <message>
        <source>Select a region shown on this frame first.</source>
        <translation>Sélectionnez d&apos;abord une zone visible sur cette image.</translation>
    </message>
    <message>
        <source>Region followed over {count} frames</source>
        <translation>Zone suivie sur {count} images</translation>
    </message>
    <message>
        <source>Follow region {track_id}</source>
        <translation>Suivi de la zone {track_id}</translation>
    </message>
    <message>
        <source>A job is running: wait for it or cancel it before locking.</source>
        <translation>Une tâche est en cours : attendez-la ou annulez-la avant de verrouiller.</translation>
    </message>
    <message>
        <source>Voile</source>
        <translation>Voile</translation>
    </message>
    <message>
        <source>Quit Voile</source>
        <translation>Quitter Voile</translation>
    </message>
    <message>
        <source>A job is still running. Cancel it and quit?</source>
        <translation>Une tâche est encore en cours. L&apos;annuler et quitter ?</translation>
    </message>
    <message>
        <source>Drag on the picture to draw the region.</source>
        <translation>Faites glisser sur l&apos;image pour dessiner la zone.</translation>
    </message>
    <message>
        <source>No proposal left to review.</source>
        <translation>Plus aucune proposition à vérifier.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>About Voile</source>
        <translation>À propos de Voile</translation>
    </message>
    <message>
        <source>Voile {version} de-identifies surgical videos offline: encrypted vault, face proposals to review, redacted export, signed audit sheet.
Free software under the GNU GPL version 3 or later.</source>
        <translation>Voile {version} désidentifie les vidéos chirurgicales hors ligne : coffre chiffré, propositions de visages à vérifier, export masqué, fiche d&apos;audit signée.
Logiciel libre sous licence GNU GPL version 3 ou ultérieure.</translation>
    </message>
</context>
<context>
    <name>QtMediaDocument</name>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Back to proposal</source>
        <translation>Revenir à la proposition</translation>
    </message>
    <message>
        <source>Accept range</source>
        <translation>Accepter la plage</translation>
    </message>
    <message>
        <source>Reject range</source>
        <translation>Rejeter la plage</translation>
    </message>
    <message>
        <source>Move region</source>
        <translation>Déplacer la zone</translation>
    </message>
    <message>
        <source>Change style</source>
        <translation>Changer le style</translation>
    </message>
    <message>
        <source>Change kind</source>
        <translation>Changer le type</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>Raccourcir</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Couper</translation>
    </message>
    <message>
        <source>Draw region</source>
        <translation>Dessiner une zone</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Follow region</source>
        <translation>Suivre la zone</translation>
    </message>
</context>
<context>
    <name>QtPreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Lock the vault after</source>
        <translation>Verrouiller le coffre après</translation>
    </message>
    <message>
        <source>Save edits after</source>
        <translation>Enregistrer les modifications après</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>min idle</source>
        <translation>min d&apos;inactivité</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>Edits are saved in the vault this long after the last change, and when the window closes.</source>
        <translation>Les modifications sont enregistrées dans le coffre ce délai après le dernier changement, et à la fermeture de la fenêtre.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>QtTimeline</name>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>No sound track</source>
        <translation>Pas de piste son</translation>
    </message>
    <message>
        <source>Not analysed</source>
        <translation>Non analysée</translation>
    </message>
    <message>
        <source>Drag on the ruler to scrub. Click a lane to select its track; drag its ends to trim. Ctrl+wheel zooms, Shift+wheel scrolls in time. Striped: to review; grey: rejected; red on the analysis row: frames the analysis could not cover.</source>
        <translation>Faites glisser sur la règle pour parcourir la vidéo. Cliquez sur une ligne pour sélectionner sa piste ; faites glisser ses extrémités pour la raccourcir. Ctrl+molette zoome, Maj+molette fait défiler le temps. Hachuré : à vérifier ; gris : rejeté ; rouge sur la ligne d&apos;analyse : images que l&apos;analyse n&apos;a pas pu couvrir.</translation>
    </message>
</context>
<context>
    <name>QtTrackList</name>
    <message>
        <source>Track</source>
        <translation>Piste</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Précédente</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Suivante ▶</translation>
    </message>
    <message>
        <source>All tracks</source>
        <translation>Toutes les pistes</translation>
    </message>
    <message>
        <source>To review only</source>
        <translation>À vérifier seulement</translation>
    </message>
    <message>
        <source>Open a video from the library.</source>
        <translation>Ouvrez une vidéo depuis la bibliothèque.</translation>
    </message>
    <message>
        <source>Not analysed yet: use “Look for faces” to get proposals, or draw regions yourself.</source>
        <translation>Pas encore analysée : utilisez « Rechercher les visages » pour obtenir des propositions, ou dessinez vous-même des zones.</translation>
    </message>
    <message>
        <source>Proposals left to review: {pending} (tracks: {total}).</source>
        <translation>Propositions restant à vérifier : {pending} (pistes : {total}).</translation>
    </message>
    <message>
        <source>Every proposal is reviewed ({total} tracks).</source>
        <translation>Toutes les propositions sont vérifiées ({total} pistes).</translation>
    </message>
    <message>
        <source>(partly rejected)</source>
        <translation>(en partie rejetée)</translation>
    </message>
</context>
<context>
    <name>QtTransportBar</name>
    <message>
        <source>frame {frame}</source>
        <translation>image {frame}</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Playing ×{rate:g}</source>
        <translation>Lecture ×{rate:g}</translation>
    </message>
    <message>
        <source>Playing backward ×{rate:g}</source>
        <translation>Lecture arrière ×{rate:g}</translation>
    </message>
    <message>
        <source>Exact frame</source>
        <translation>Image exacte</translation>
    </message>
    <message>
        <source>Working copy</source>
        <translation>Vidéo de travail</translation>
    </message>
    <message>
        <source>While scrubbing, the low-resolution working copy is shown; the exact frame of the source replaces it as soon as the playhead rests.</source>
        <translation>Pendant le défilement, la vidéo de travail en basse résolution est affichée ; l&apos;image exacte de la source la remplace dès que la tête de lecture s&apos;arrête.</translation>
    </message>
</context>
<context>
    <name>QtUnlockDialog</name>
    <message>
        <source>Voile — unlock a vault</source>
        <translation>Voile — déverrouiller un coffre</translation>
    </message>
    <message>
        <source>Unlock a vault</source>
        <translation>Déverrouiller un coffre</translation>
    </message>
    <message>
        <source>The vault is the encrypted folder that holds the raw footage and the review of each case. Nothing in it can be read without a password.</source>
        <translation>Le coffre chiffré est le dossier qui contient les vidéos brutes et la vérification de chaque dossier patient. Rien n&apos;y est lisible sans mot de passe.</translation>
    </message>
    <message>
        <source>Vault folder</source>
        <translation>Dossier du coffre</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Fichier clé</translation>
    </message>
    <message>
        <source>This user also needs their key file</source>
        <translation>Cet utilisateur a aussi besoin de son fichier clé</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Create a vault…</source>
        <translation>Créer un coffre…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Choose the vault&apos;s folder</source>
        <translation>Choisir le dossier du coffre</translation>
    </message>
    <message>
        <source>Choose your key file</source>
        <translation>Choisir votre fichier clé</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <source>Choose the vault&apos;s folder first.</source>
        <translation>Choisissez d&apos;abord le dossier du coffre.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>The key file cannot be read. Choose it again.</source>
        <translation>Le fichier clé est illisible. Choisissez-le de nouveau.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Surgeon</source>
        <translation>Chirurgien</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Interne</translation>
    </message>
</context>
</TS>
