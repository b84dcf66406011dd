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
        <source>&amp;Case file</source>
        <translation>&amp;Dossier</translation>
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
        <source>Find regions to hide</source>
        <translation>Rechercher les zones à masquer</translation>
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
        <source>Keep in/out as a sequence…</source>
        <translation>Garder entrée/sortie comme séquence…</translation>
    </message>
    <message>
        <source>Add the range between the in and out points to the lesson, with a chapter title</source>
        <translation>Ajouter à la leçon la plage entre les points d&apos;entrée et de sortie, avec un titre de chapitre</translation>
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
        <source>Consent of this case…</source>
        <translation>Consentement de ce cas…</translation>
    </message>
    <message>
        <source>Record the patient&apos;s consent, attach the signed scan, print the consent form</source>
        <translation>Enregistrer le consentement du patient, joindre le scan signé, imprimer le formulaire de consentement</translation>
    </message>
    <message>
        <source>Withdraw the consent of this case…</source>
        <translation>Retrait du consentement de ce cas…</translation>
    </message>
    <message>
        <source>Expired cases…</source>
        <translation>Cas arrivés à échéance…</translation>
    </message>
    <message>
        <source>Access journal…</source>
        <translation>Journal des accès…</translation>
    </message>
    <message>
        <source>Users and roles…</source>
        <translation>Utilisateurs et rôles…</translation>
    </message>
    <message>
        <source>Open an export for review…</source>
        <translation>Ouvrir un export pour relecture…</translation>
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
    <name>CaseFile</name>
    <message>
        <source>Case {case}: {objects} encrypted objects will be crypto-shredded.</source>
        <translation>Cas {case} : {objects} objets chiffrés seront détruits par effacement cryptographique.</translation>
    </message>
    <message>
        <source>{count} released exports must be taken down from their channels:</source>
        <translation>{count} exports diffusés doivent être retirés de leurs canaux :</translation>
    </message>
    <message>
        <source>The patient&apos;s identity is deleted from the correspondence table.</source>
        <translation>L&apos;identité du patient est supprimée de la table de correspondance.</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Cette opération est irréversible.</translation>
    </message>
    <message>
        <source>Withdraw the consent</source>
        <translation>Retrait du consentement</translation>
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
    <name>QtCaptionsTab</name>
    <message>
        <source>From (s, lesson time)</source>
        <translation>Début (s, temps de la leçon)</translation>
    </message>
    <message>
        <source>To (s, lesson time)</source>
        <translation>Fin (s, temps de la leçon)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Add caption</source>
        <translation>Ajouter un sous-titre</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>A caption needs a text and an end after its start.</source>
        <translation>Un sous-titre demande un texte et une fin après son début.</translation>
    </message>
    <message>
        <source>Remove caption</source>
        <translation>Supprimer le sous-titre</translation>
    </message>
</context>
<context>
    <name>QtCardTab</name>
    <message>
        <source>Procedure</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <source>Pathology</source>
        <translation>Pathologie</translation>
    </message>
    <message>
        <source>Operating team</source>
        <translation>Équipe opératoire</translation>
    </message>
    <message>
        <source>Short history</source>
        <translation>Histoire clinique (courte)</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>Tranche d&apos;âge</translation>
    </message>
    <message>
        <source>Shown for (s)</source>
        <translation>Affiché pendant (s)</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>Non affichée</translation>
    </message>
    <message>
        <source>Re-identification check (card, captions, chapter titles, labels)</source>
        <translation>Contrôle de ré-identification (carton, sous-titres, titres de chapitre, étiquettes)</translation>
    </message>
    <message>
        <source>Keep as written</source>
        <translation>Garder tel quel</translation>
    </message>
    <message>
        <source>Acknowledge the selected flag: the phrase stays and your decision is listed on the audit sheet</source>
        <translation>Valider le signalement choisi : l&apos;expression reste et votre décision figure sur la fiche d&apos;audit</translation>
    </message>
    <message>
        <source>Edit context card</source>
        <translation>Modifier le carton de contexte</translation>
    </message>
    <message>
        <source>{kind} — {where}: « {phrase} »</source>
        <translation>{kind} — {where} : « {phrase} »</translation>
    </message>
    <message>
        <source>{count} phrases may identify the patient: reword them, or keep them as written. The export is blocked until then.</source>
        <translation>{count} expressions peuvent identifier le patient : reformulez-les ou gardez-les telles quelles. L&apos;export est bloqué d&apos;ici là.</translation>
    </message>
    <message>
        <source>No phrase flagged.</source>
        <translation>Aucune expression signalée.</translation>
    </message>
    <message>
        <source>Caption {item}</source>
        <translation>Sous-titre {item}</translation>
    </message>
    <message>
        <source>Chapter {item}</source>
        <translation>Chapitre {item}</translation>
    </message>
    <message>
        <source>Label {item}</source>
        <translation>Étiquette {item}</translation>
    </message>
    <message>
        <source>Keep flagged phrase</source>
        <translation>Garder l&apos;expression signalée</translation>
    </message>
</context>
<context>
    <name>QtConsentDialog</name>
    <message>
        <source>Consent — {case}</source>
        <translation>Consentement — {case}</translation>
    </message>
    <message>
        <source>Retention (months, 0: vault default)</source>
        <translation>Conservation (mois, 0 : valeur du coffre)</translation>
    </message>
    <message>
        <source>Countries and safeguards</source>
        <translation>Pays et garanties</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>Daté</translation>
    </message>
    <message>
        <source>Transfers outside the EU allowed</source>
        <translation>Transferts hors UE autorisés</translation>
    </message>
    <message>
        <source>Attach the signed scan…</source>
        <translation>Joindre le scan signé…</translation>
    </message>
    <message>
        <source>Consent form (PDF)…</source>
        <translation>Formulaire de consentement (PDF)…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>Joint</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Only administrators and surgeons may change a consent record.</source>
        <translation>Seuls les administrateurs et les chirurgiens peuvent modifier un consentement.</translation>
    </message>
    <message>
        <source>Consent saved (revision {revision}).</source>
        <translation>Consentement enregistré (révision {revision}).</translation>
    </message>
    <message>
        <source>Scan stored encrypted in the vault.</source>
        <translation>Scan enregistré chiffré dans le coffre.</translation>
    </message>
    <message>
        <source>Signed consent scan</source>
        <translation>Scan du consentement signé</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Scans (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>That file exists already: choose another name.</source>
        <translation>Ce fichier existe déjà : choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Save the consent form</source>
        <translation>Enregistrer le formulaire de consentement</translation>
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
    <name>QtDiagramsTab</name>
    <message>
        <source>Choose a tool, then drag on the picture (click for a label or an image). The diagram is shown between the in and out points, or from the playhead for the time below.</source>
        <translation>Choisissez un outil, puis faites glisser sur l&apos;image (un clic pour une étiquette ou une image). Le schéma est affiché entre les points d&apos;entrée et de sortie, ou depuis la tête de lecture pendant la durée ci-dessous.</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Line width (px)</source>
        <translation>Épaisseur du trait (px)</translation>
    </message>
    <message>
        <source>Shown for (s)</source>
        <translation>Affiché pendant (s)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Draw diagram</source>
        <translation>Dessiner un schéma</translation>
    </message>
    <message>
        <source>Text label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Étiquette :</translation>
    </message>
    <message>
        <source>Place an image</source>
        <translation>Placer une image</translation>
    </message>
    <message>
        <source>Images (*.png *.svg)</source>
        <translation>Images (*.png *.svg)</translation>
    </message>
    <message>
        <source>Move diagram</source>
        <translation>Déplacer le schéma</translation>
    </message>
    <message>
        <source>Remove diagram</source>
        <translation>Supprimer le schéma</translation>
    </message>
</context>
<context>
    <name>QtExpiredCasesDialog</name>
    <message>
        <source>Expired cases</source>
        <translation>Cas arrivés à échéance</translation>
    </message>
    <message>
        <source>These cases are past their retention date. Purging one crypto-shreds its videos, projects and exports in the vault.</source>
        <translation>Ces cas ont dépassé leur durée de conservation. La purge d&apos;un cas détruit par effacement cryptographique ses vidéos, projets et exports dans le coffre.</translation>
    </message>
    <message>
        <source>{count} expired cases were purged automatically at unlock.</source>
        <translation>{count} cas arrivés à échéance ont été purgés automatiquement au déverrouillage.</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>Purger…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Only administrators and surgeons may purge a case.</source>
        <translation>Seuls les administrateurs et les chirurgiens peuvent purger un cas.</translation>
    </message>
    <message>
        <source>{case} — expired on {date}</source>
        <translation>{case} — échéance le {date}</translation>
    </message>
    <message>
        <source>Purge the case</source>
        <translation>Purger le cas</translation>
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
        <source>The lesson: sequences, narration, diagrams, context card</source>
        <translation>La leçon : séquences, narration, schémas, carton de contexte</translation>
    </message>
    <message>
        <source>This video, whole</source>
        <translation>Cette vidéo, en entier</translation>
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
        <source>A lesson&apos;s original sound follows its voice settings.</source>
        <translation>Le son d&apos;origine d&apos;une leçon suit ses réglages de voix.</translation>
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
        <source>Step 1 of 3: click “Find regions to hide”. Voile proposes regions to hide; you can also draw your own (R).</source>
        <translation>Étape 1 sur 3 : cliquez sur « Rechercher les zones à masquer ». Voile propose des zones à masquer ; vous pouvez aussi dessiner les vôtres (R).</translation>
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
    <name>QtJournalDialog</name>
    <message>
        <source>Access journal</source>
        <translation>Journal des accès</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>{count} entries; the chain of signatures is intact.</source>
        <translation>{count} entrées ; la chaîne de signatures est intacte.</translation>
    </message>
    <message>
        <source>The journal&apos;s chain breaks at entry {seq}: that entry or an earlier one was changed or removed outside Voile. Keep a copy of the vault and tell the administrator.</source>
        <translation>La chaîne du journal est rompue à l&apos;entrée {seq} : cette entrée ou une précédente a été modifiée ou supprimée hors de Voile. Gardez une copie du coffre et prévenez l&apos;administrateur.</translation>
    </message>
    <message>
        <source>Export the journal</source>
        <translation>Exporter le journal</translation>
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
        <translation>Séquences</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>Narration</translation>
    </message>
    <message>
        <source>Voices</source>
        <translation>Voix</translation>
    </message>
    <message>
        <source>Diagrams</source>
        <translation>Schémas</translation>
    </message>
    <message>
        <source>Context card</source>
        <translation>Carton de contexte</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Sous-titres</translation>
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
        <source>Teaching edit</source>
        <translation>Montage pédagogique</translation>
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
        <source>Residents cannot withdraw a consent or purge a case: a surgeon or an administrator must.</source>
        <translation>Les internes ne peuvent ni retirer un consentement ni purger un cas : un chirurgien ou un administrateur doit le faire.</translation>
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
        <source>Analysis</source>
        <translation>Analyse</translation>
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
    <message>
        <source>Drag on the picture to draw the diagram.</source>
        <translation>Faites glisser sur l&apos;image pour dessiner le schéma.</translation>
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
    <name>QtNarrationTab</name>
    <message>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <source>Place a WAV, MP3, M4A or FLAC file at the playhead</source>
        <translation>Placer un fichier WAV, MP3, M4A ou FLAC à la tête de lecture</translation>
    </message>
    <message>
        <source>Record…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Retake…</source>
        <translation>Refaire la prise…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Starts at (s)</source>
        <translation>Début (s)</translation>
    </message>
    <message>
        <source>Trim start (s)</source>
        <translation>Coupe au début (s)</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>Durée (s)</translation>
    </message>
    <message>
        <source>Gain (dB)</source>
        <translation>Gain (dB)</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>enregistré</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importé</translation>
    </message>
    <message>
        <source>Record from the microphone at the playhead, after a 3-2-1 countdown</source>
        <translation>Enregistrer au microphone à la tête de lecture, après un compte à rebours 3-2-1</translation>
    </message>
    <message>
        <source>Record the selected clip again at the same place</source>
        <translation>Enregistrer à nouveau le clip choisi, au même endroit</translation>
    </message>
    <message>
        <source>Edit narration clip</source>
        <translation>Modifier le clip de narration</translation>
    </message>
    <message>
        <source>Retake narration</source>
        <translation>Refaire la narration</translation>
    </message>
    <message>
        <source>Add narration</source>
        <translation>Ajouter une narration</translation>
    </message>
    <message>
        <source>Import narration</source>
        <translation>Importer une narration</translation>
    </message>
    <message>
        <source>Import a narration</source>
        <translation>Importer une narration</translation>
    </message>
    <message>
        <source>Sound files (*.wav *.mp3 *.m4a *.flac);;All files (*)</source>
        <translation>Fichiers son (*.wav *.mp3 *.m4a *.flac);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Remove narration</source>
        <translation>Supprimer la narration</translation>
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
    <name>QtRecordDialog</name>
    <message>
        <source>Record a narration</source>
        <translation>Enregistrer une narration</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Keep this take</source>
        <translation>Garder cette prise</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Press Record: recording starts after a 3-2-1 countdown. The take is placed at the playhead.</source>
        <translation>Appuyez sur Enregistrer : l&apos;enregistrement commence après un compte à rebours 3-2-1. La prise est placée à la tête de lecture.</translation>
    </message>
    <message>
        <source>{seconds} s recorded</source>
        <translation>{seconds} s enregistrées</translation>
    </message>
    <message>
        <source>Recording… press Stop when you are done.</source>
        <translation>Enregistrement… appuyez sur Arrêter quand vous avez fini.</translation>
    </message>
    <message>
        <source>Take of {seconds} s ready: keep it or discard it.</source>
        <translation>Prise de {seconds} s prête : gardez-la ou abandonnez-la.</translation>
    </message>
</context>
<context>
    <name>QtReviewDialog</name>
    <message>
        <source>Review an export</source>
        <translation>Relire un export</translation>
    </message>
    <message>
        <source>Choose the export folder…</source>
        <translation>Choisir le dossier de l&apos;export…</translation>
    </message>
    <message>
        <source>Approve as reviewer</source>
        <translation>Valider en tant que relecteur</translation>
    </message>
    <message>
        <source>Facts signed in the manifest</source>
        <translation>Faits signés dans le manifeste</translation>
    </message>
    <message>
        <source>Reviewer key (.p12)</source>
        <translation>Clé du relecteur (.p12)</translation>
    </message>
    <message>
        <source>Key password</source>
        <translation>Mot de passe de la clé</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Sign the approval</source>
        <translation>Signer la validation</translation>
    </message>
    <message>
        <source>Record the release…</source>
        <translation>Enregistrer la diffusion…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Choose an export folder: it is verified offline before anything is signed.</source>
        <translation>Choisissez un dossier d&apos;export : il est vérifié hors ligne avant toute signature.</translation>
    </message>
    <message>
        <source>Residents cannot release an export: an administrator or a surgeon must.</source>
        <translation>Les internes ne peuvent pas diffuser un export : un administrateur ou un chirurgien doit le faire.</translation>
    </message>
    <message>
        <source>The package verifies: video, sheet and signatures match.</source>
        <translation>Le paquet est vérifié : vidéo, fiche et signatures concordent.</translation>
    </message>
    <message>
        <source>The package does NOT verify: do not publish it.</source>
        <translation>Le paquet n&apos;est PAS vérifié : ne le publiez pas.</translation>
    </message>
    <message>
        <source>Approved and signed by {reviewer}.</source>
        <translation>Validé et signé par {reviewer}.</translation>
    </message>
    <message>
        <source>Release recorded on channel {channel}.</source>
        <translation>Diffusion enregistrée sur le canal {channel}.</translation>
    </message>
    <message>
        <source>Choose the export folder</source>
        <translation>Choisir le dossier de l&apos;export</translation>
    </message>
    <message>
        <source>Reviewer key</source>
        <translation>Clé du relecteur</translation>
    </message>
    <message>
        <source>PKCS#12 keys (*.p12 *.pfx)</source>
        <translation>Clés PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Record the release</source>
        <translation>Enregistrer la diffusion</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalité</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
</context>
<context>
    <name>QtSequencesTab</name>
    <message>
        <source>Mark in (I) and out (O) on the timeline, then keep the range. A titled sequence starts a chapter.</source>
        <translation>Marquez l&apos;entrée (I) et la sortie (O) sur la timeline, puis gardez la plage. Une séquence titrée ouvre un chapitre.</translation>
    </message>
    <message>
        <source>Keep in/out…</source>
        <translation>Garder entrée/sortie…</translation>
    </message>
    <message>
        <source>Keep the range between the in and out points as a sequence</source>
        <translation>Garder comme séquence la plage entre les points d&apos;entrée et de sortie</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>(no chapter title)</source>
        <translation>(sans titre de chapitre)</translation>
    </message>
    <message>
        <source>Set the in and out points first.</source>
        <translation>Placez d&apos;abord les points d&apos;entrée et de sortie.</translation>
    </message>
    <message>
        <source>Keep sequence</source>
        <translation>Garder la séquence</translation>
    </message>
    <message>
        <source>Keep the range</source>
        <translation>Garder la plage</translation>
    </message>
    <message>
        <source>Chapter title (may be empty):</source>
        <translation>Titre du chapitre (facultatif) :</translation>
    </message>
    <message>
        <source>Reorder sequences</source>
        <translation>Réordonner les séquences</translation>
    </message>
    <message>
        <source>Rename sequence</source>
        <translation>Renommer la séquence</translation>
    </message>
    <message>
        <source>Remove sequence</source>
        <translation>Supprimer la séquence</translation>
    </message>
    <message>
        <source>Rename the sequence</source>
        <translation>Renommer la séquence</translation>
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
        <source>Kept</source>
        <translation>Gardé</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>Narration</translation>
    </message>
    <message>
        <source>Drag on the ruler to scrub. Click a lane to select its track; drag its ends to trim. Drag a narration clip to move it, or its ends to trim it. Ctrl+wheel zooms, Shift+wheel scrolls in time. Striped: to review; grey: rejected; red on the analysis row: frames the analysis could not cover.</source>
        <translation>Faites glisser sur la règle pour parcourir la vidéo. Cliquez une piste pour la sélectionner ; faites glisser ses bords pour la raccourcir. Faites glisser un clip de narration pour le déplacer, ou ses bords pour le couper. Ctrl+molette zoome, Maj+molette défile dans le temps. Hachuré : à relire ; gris : rejeté ; rouge sur la ligne d&apos;analyse : images que l&apos;analyse n&apos;a pas pu couvrir.</translation>
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
        <source>Not analysed yet: use “Find regions to hide” to get proposals, or draw regions yourself.</source>
        <translation>Pas encore analysée : utilisez « Rechercher les zones à masquer » pour obtenir des propositions, ou dessinez vous-même des zones.</translation>
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
    <name>QtUsersDialog</name>
    <message>
        <source>Users and roles</source>
        <translation>Utilisateurs et rôles</translation>
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
        <source>Patient identities</source>
        <translation>Identités des patients</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Changer de rôle…</translation>
    </message>
    <message>
        <source>Grant or revoke identity access</source>
        <translation>Donner ou retirer l&apos;accès aux identités</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Removed on {date}</source>
        <translation>Supprimé le {date}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Only administrators manage users.</source>
        <translation>Seuls les administrateurs gèrent les utilisateurs.</translation>
    </message>
    <message>
        <source>Remove a user</source>
        <translation>Supprimer un utilisateur</translation>
    </message>
    <message>
        <source>Remove {name}? They will no longer be able to unlock this vault; the journal and the audit sheets keep their name.</source>
        <translation>Supprimer {name} ? Cette personne ne pourra plus déverrouiller ce coffre ; le journal et les fiches d&apos;audit gardent son nom.</translation>
    </message>
</context>
<context>
    <name>QtVoicesTab</name>
    <message>
        <source>Original sound</source>
        <translation>Son d&apos;origine</translation>
    </message>
    <message>
        <source>Between in and out</source>
        <translation>Entre entrée et sortie</translation>
    </message>
    <message>
        <source>Pitch shift (semitones)</source>
        <translation>Décalage de hauteur (demi-tons)</translation>
    </message>
    <message>
        <source>Formant shift (semitones)</source>
        <translation>Décalage des formants (demi-tons)</translation>
    </message>
    <message>
        <source>Apply to in/out</source>
        <translation>Appliquer entre entrée et sortie</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Voices identify people: keeping them is recorded on the audit sheet.</source>
        <translation>Les voix identifient les personnes : les garder est consigné sur la fiche d&apos;audit.</translation>
    </message>
    <message>
        <source>Set the in and out points first.</source>
        <translation>Placez d&apos;abord les points d&apos;entrée et de sortie.</translation>
    </message>
    <message>
        <source>Set voice range</source>
        <translation>Régler la voix sur la plage</translation>
    </message>
    <message>
        <source>Remove voice range</source>
        <translation>Supprimer la plage de voix</translation>
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
