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

## POP3-Optionen erklärt (Einstellungen)
explain-download-and-delete = Nachrichten werden heruntergeladen und sofort vom Server gelöscht.
explain-keep-forever = Nachrichten werden heruntergeladen und bleiben auf dem Server.
explain-keep-days = Nachrichten werden heruntergeladen und { $days ->
    [one] einen Tag
   *[other] { $days } Tage
} nach dem ersten Abruf vom Server gelöscht.
explain-keep-until-deleted = Nachrichten werden heruntergeladen und bleiben auf dem Server, bis Sie sie hier endgültig löschen.
explain-keep-days-or-deleted = Nachrichten werden heruntergeladen und { $days ->
    [one] einen Tag
   *[other] { $days } Tage
} nach dem ersten Abruf vom Server gelöscht, oder früher, wenn Sie sie hier endgültig löschen.
explain-server-expire-never = Der Server löscht Nachrichten nie von selbst.
explain-server-expire-now = Der Server löscht Nachrichten selbst, sobald sie abgerufen wurden.
explain-server-expire-days = Der Server löscht Nachrichten selbst nach { $days ->
    [one] einem Tag
   *[other] { $days } Tagen
}.
explain-server-login-delay = Der Server erlaubt nur { $minutes ->
    [one] jede Minute
   *[other] alle { $minutes } Minuten
} eine Anmeldung.
explain-conflict-expire-now = Achtung: Dieser Server löscht abgerufene Nachrichten selbst, „Mail auf dem Server belassen“ bleibt daher wirkungslos.
explain-conflict-expire-days = Achtung: Dieser Server löscht Nachrichten selbst nach { $days ->
    [one] einem Tag
   *[other] { $days } Tagen
}, früher als Ihre Einstellung.

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

## Desktop-App: Hauptfenster
ui-get-messages = Nachrichten abrufen
ui-get-messages-tip = Neue Nachrichten für alle Konten abrufen (Strg+R, F5)
ui-get-account-tip = Neue Nachrichten für { $account } abrufen
ui-cancel = Abbrechen
ui-cancel-tip = Abruf anhalten; dabei geht nichts verloren
ui-delete = Löschen
ui-delete-tip = Nachricht in den Papierkorb verschieben (Entf)
ui-delete-permanently = Endgültig löschen
ui-delete-permanently-tip = Nachricht endgültig löschen (Entf)
ui-mark-read = Als gelesen markieren
ui-mark-unread = Als ungelesen markieren
ui-search-placeholder = Suchen (Strg+F)
ui-search-clear = Suche leeren
ui-folder-unified = Alle Posteingänge
ui-folder-inbox = Posteingang
ui-folder-trash = Papierkorb
ui-folder-local-trash = Papierkorb (lokal)
ui-local-folders = Lokale Ordner
ui-no-accounts = Noch keine Konten. Legen Sie eines in der Befehlszeile an: postfach account add NAME --email ADRESSE --host SERVER
ui-list-empty = Keine Nachrichten in diesem Ordner
ui-list-count = { $count ->
    [one] 1 Nachricht
   *[other] { $count } Nachrichten
}
ui-list-unread = { $count ->
    [0] alle gelesen
    [one] 1 ungelesen
   *[other] { $count } ungelesen
}
ui-search-results = { $count ->
    [0] Nichts gefunden für „{ $query }“
    [one] 1 Nachricht gefunden für „{ $query }“
   *[other] { $count } Nachrichten gefunden für „{ $query }“
}
ui-no-subject = (kein Betreff)
ui-unknown-sender = (unbekannter Absender)
ui-attachment-mark = Hat Anhänge
ui-reader-empty = Wählen Sie eine Nachricht aus, um sie zu lesen.
ui-reader-loading = Nachricht wird geladen…
ui-reader-failed = Die Nachricht konnte nicht geladen werden: { $detail }
ui-header-from = Von
ui-header-to = An
ui-header-cc = Kopie
ui-header-date = Datum
ui-body-from-html = Diese Nachricht wurde in HTML geschrieben. Sie wird als Text angezeigt; Bilder und andere Inhalte aus dem Internet werden nicht geladen.
ui-body-truncated = Die Nachricht ist zu lang, um sie hier vollständig anzuzeigen. Speichern Sie sie oder öffnen Sie sie in einem anderen Programm, um alles zu sehen.
ui-body-parse-failed = Diese Nachricht ist keine korrekt aufgebaute E-Mail. Sie wird so angezeigt, wie sie empfangen wurde.
ui-body-empty = (Diese Nachricht enthält keinen Text.)
ui-attachments = { $count ->
    [one] 1 Anhang
   *[other] { $count } Anhänge
}
ui-attachment-open = Öffnen
ui-attachment-open-tip = Mit dem Standardprogramm des Systems öffnen
ui-attachment-save = Speichern unter…
ui-attachments-save-all = Alle speichern…
ui-attachment-drag-tip = Auf den Schreibtisch oder in einen Ordner ziehen, um den Anhang dort zu speichern
ui-image-enlarge-tip = Zum Vergrößern klicken
ui-image-close = Schließen
ui-saved = Gespeichert: { $path }
ui-saved-all = { $count ->
    [one] 1 Anhang in { $dir } gespeichert
   *[other] { $count } Anhänge in { $dir } gespeichert
}
ui-save-failed = „{ $name }“ konnte nicht gespeichert werden: { $detail }. Prüfen Sie, ob der Ordner existiert und Sie darin schreiben dürfen.
ui-open-failed = „{ $name }“ konnte nicht geöffnet werden: { $detail }. Speichern Sie den Anhang und öffnen Sie ihn über Ihren Dateimanager.
ui-link-failed = Der Link konnte nicht geöffnet werden: { $detail }
ui-status-ready = Bereit
ui-status-account = { $account }: { $status }
ui-fetch-done = { $account }: { $result }
ui-fetch-failed-title = Abruf für { $account } fehlgeschlagen
ui-retry = Erneut versuchen
ui-dismiss = Schließen
ui-password-placeholder = Passwort für { $account }
ui-password-submit = Anmelden
ui-password-tip = Das Passwort gilt nur für diese Sitzung; dauerhaft speichern können Sie es in den Kontoeinstellungen.
ui-imported = { $count ->
    [one] 1 Nachricht in { $folder } importiert
   *[other] { $count } Nachrichten in { $folder } importiert
}
ui-import-failed = „{ $name }“ konnte nicht importiert werden: { $detail }
ui-import-not-eml = Hier können nur E-Mail-Dateien (.eml) abgelegt werden; „{ $name }“ wurde übergangen.
ui-store-failed = Der Nachrichtenspeicher meldet einen Fehler: { $detail }
ui-config-warning = Ihre Einstellungen konnten nicht vollständig gelesen werden ({ $detail }); für den Rest gelten die Standardwerte.
ui-notification-title = { $count ->
    [one] Neue Nachricht
   *[other] { $count } neue Nachrichten
}
ui-time-format = 24
ui-decimal-point = ,
ui-date-short = { $day }. { $month }
ui-date-long = { $day }. { $month } { $year }
ui-date-time = { $date }, { $time } Uhr
ui-month-1 = Jan.
ui-month-2 = Feb.
ui-month-3 = März
ui-month-4 = Apr.
ui-month-5 = Mai
ui-month-6 = Juni
ui-month-7 = Juli
ui-month-8 = Aug.
ui-month-9 = Sept.
ui-month-10 = Okt.
ui-month-11 = Nov.
ui-month-12 = Dez.
ui-import-folder-name = Importiert
