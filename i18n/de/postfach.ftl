app-name = Postfach

## Fortschritt und Ergebnis des Abrufs
sync-connecting = Verbinde mit { $host }…
sync-authenticating = Anmeldung…
sync-listing = Suche nach neuen Nachrichten…
sync-downloading = Lade Nachricht { $current } von { $total }…
sync-deleting = Entferne { $count ->
    [one] eine Nachricht
   *[other] { $count } Nachrichten
} vom Server…
sync-new-messages = { $count ->
    [0] Keine neuen Nachrichten
    [one] 1 neue Nachricht
   *[other] { $count } neue Nachrichten
}
sync-deleted-on-server = { $count ->
    [0] nichts auf dem Server gelöscht
    [one] 1 auf dem Server gelöscht
   *[other] { $count } auf dem Server gelöscht
}
sync-kept-on-server = { $count ->
    [one] 1 auf dem Server belassen
   *[other] { $count } auf dem Server belassen
}
sync-failed-messages = { $count ->
    [one] 1 Nachricht konnte nicht abgerufen werden und wird erneut versucht
   *[other] { $count } Nachrichten konnten nicht abgerufen werden und werden erneut versucht
}
sync-no-uidl-warning = Dieser Server unterstützt kein UIDL. Postfach erkennt Nachrichten stattdessen an ihren Kopfzeilen; das ist weniger zuverlässig, wenn Mail auf dem Server belassen wird.
sync-cancelled = Abgebrochen. Nichts ging verloren; der nächste Abruf macht dort weiter.

## Fehler: was geschah und was zu tun ist
error-auth = Der Server hat Benutzername oder Passwort abgelehnt ({ $detail }). Prüfen Sie das Passwort in den Kontoeinstellungen und geben Sie es erneut ein.
error-no-password = Für { $account } ist kein Passwort gespeichert. Geben Sie es in den Kontoeinstellungen ein (oder setzen Sie POSTFACH_PASSWORD für ein Skript).
error-no-mechanism = Der Server bietet kein Anmeldeverfahren an, das Postfach sicher nutzen kann. Wählen Sie in den Kontoeinstellungen ein anderes Verfahren.
error-in-use = Das Postfach wird gerade von einem anderen Programm oder Gerät benutzt ({ $detail }). Versuchen Sie es in einigen Minuten erneut.
error-login-delay = Der Server erlaubt eine Anmeldung nur alle paar Minuten ({ $detail }). Postfach versucht es später erneut.
error-sys-temp = Der Server hat ein vorübergehendes Problem ({ $detail }). Versuchen Sie es später erneut.
error-sys-perm = Der Server verweigert das Postfach dauerhaft ({ $detail }). Wenden Sie sich an Ihren E-Mail-Anbieter.
error-server = Der Server meldet einen Fehler: { $detail }
error-network = { $host } ist nicht erreichbar: { $detail }. Prüfen Sie die Internetverbindung sowie Servername und Port.
error-timeout = Der Server { $host } hat nicht rechtzeitig geantwortet ({ $detail }). Versuchen Sie es später erneut.
error-closed = Der Server hat die Verbindung unerwartet beendet. Nichts ging verloren; versuchen Sie es erneut.
error-tls = Die Verbindung zu { $host } konnte nicht verschlüsselt werden: { $detail }
error-tls-untrusted = Das Zertifikat von { $host } ist nicht vertrauenswürdig: { $detail }. Wenn Sie sicher sind, dass es der richtige Server ist, vertrauen Sie ihm in den Kontoeinstellungen. Fingerabdruck (SHA-256): { $fingerprint }
error-pin-mismatch = Das Zertifikat von { $host } hat sich geändert! Erwartet { $expected }, erhalten { $actual }. Möglicherweise wird die Verbindung abgehört. Falls Ihr Anbieter das Zertifikat gewechselt hat, vertrauen Sie dem neuen in den Kontoeinstellungen.
error-starttls-unavailable = Der Server { $host } bietet kein STARTTLS an, daher kann das Passwort nicht sicher übertragen werden. Wählen Sie SSL/TLS in den Kontoeinstellungen.
error-protocol = Der Server hat das POP3-Protokoll verletzt ({ $detail }). Der Abruf wurde zum Schutz Ihrer E-Mails angehalten.
error-too-large = Eine Nachricht ist größer als erlaubt ({ $size } Bytes, Grenze { $limit }). Sie bleibt auf dem Server.
error-too-many = Der Server meldet zu viele Nachrichten ({ $count }).
error-locked = Für { $account } läuft bereits ein Abruf (vielleicht in einem anderen Postfach-Fenster). Versuchen Sie es erneut, wenn er beendet ist.
error-store = Der lokale Nachrichtenspeicher meldet einen Fehler: { $detail }. Prüfen Sie, ob die Festplatte voll ist.
error-keyring = Der Schlüsselbund des Systems ist nicht verfügbar ({ $detail }). Das Passwort wird nicht gespeichert.
error-unknown-account = Es gibt kein Konto namens „{ $name }“.
error-unknown-message = Es gibt keine Nachricht mit der Nummer { $id }.
error-internal = Interner Fehler: { $detail }

## Befehlszeile
cli-account-added = Konto „{ $name }“ hinzugefügt.
cli-account-updated = Konto „{ $name }“ geändert.
cli-account-removed = Konto „{ $name }“ entfernt.
cli-no-accounts = Noch keine Konten. Legen Sie eines an mit: postfach account add NAME --email ADRESSE --host SERVER
cli-fetch-summary = { $account }: { $result }
cli-password-prompt = Passwort für { $account }:
cli-saved-attachment = Gespeichert: { $path }
cli-no-attachments = Diese Nachricht hat keine Anhänge.
cli-moved-to-trash = In den Papierkorb verschoben.
cli-deleted = Endgültig gelöscht.
