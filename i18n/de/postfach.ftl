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
error-network = { $host } ist nicht erreichbar. Prüfen Sie die Internetverbindung sowie Servername und Port in den Kontoeinstellungen.
error-network-refused = { $host } hat die Verbindung abgelehnt. Prüfen Sie Servername und Port in den Kontoeinstellungen.
error-network-unreachable = { $host } ist von diesem Netzwerk aus nicht erreichbar. Prüfen Sie die Internetverbindung.
error-network-name = Der Servername { $host } wurde nicht gefunden. Prüfen Sie die Schreibweise in den Kontoeinstellungen und die Internetverbindung.
error-tls-certificate = Das Zertifikat von { $host } ist nicht vertrauenswürdig. { $reason }
error-tls-ca-file = Die für dieses Konto gewählte CA-Zertifikatsdatei ist nicht verwendbar. Wählen Sie sie in den Kontoeinstellungen erneut aus oder entfernen Sie sie.
tls-failure-self-signed = Es ist selbst signiert; keine bekannte Zertifizierungsstelle bürgt dafür.
tls-failure-unknown-issuer = Es stammt von einer Zertifizierungsstelle, die dieser Computer nicht kennt.
tls-failure-expired = Es ist abgelaufen.
tls-failure-not-yet-valid = Es ist noch nicht gültig. Prüfen Sie Datum und Uhrzeit dieses Computers.
tls-failure-wrong-name = Es wurde für einen anderen Servernamen ausgestellt.
tls-failure-revoked = Sein Aussteller hat es widerrufen.
tls-failure-revocation-unknown = Ob sein Aussteller es widerrufen hat, ließ sich nicht prüfen.
tls-failure-other = Es konnte nicht geprüft werden.
keyring-failure-no-service = Auf diesem System läuft kein Schlüsselbund (Passwortspeicher), der das Passwort aufbewahren könnte.
keyring-failure-locked = Der Schlüsselbund des Systems ist gesperrt oder verweigert den Zugriff.
keyring-failure-unreadable = Das im Schlüsselbund gespeicherte Passwort ist nicht lesbar.
keyring-failure-other = Der Schlüsselbund des Systems hat einen Fehler gemeldet.
error-details = Details
error-details-hide = Details ausblenden
cli-details = Details: { $details }
error-timeout = { $host } hat nicht rechtzeitig geantwortet. Prüfen Sie die Internetverbindung oder versuchen Sie es später erneut.
error-closed = Der Server hat die Verbindung unerwartet beendet. Nichts ging verloren; versuchen Sie es erneut.
error-tls = Eine sichere Verbindung zu { $host } kam nicht zustande. Prüfen Sie Port und Verbindungssicherheit (SSL/TLS oder STARTTLS) in den Kontoeinstellungen.
error-tls-untrusted = Das Zertifikat von { $host } ist nicht vertrauenswürdig. { $reason } Wenn Sie sicher sind, dass es der richtige Server ist, vertrauen Sie ihm in den Kontoeinstellungen. Fingerabdruck (SHA-256): { $fingerprint }
error-pin-mismatch = Das Zertifikat von { $host } hat sich geändert! Erwartet { $expected }, erhalten { $actual }. Möglicherweise wird die Verbindung abgehört. Falls Ihr Anbieter das Zertifikat gewechselt hat, vertrauen Sie dem neuen in den Kontoeinstellungen.
error-starttls-unavailable = Der Server { $host } bietet kein STARTTLS an, daher kann das Passwort nicht sicher übertragen werden. Wählen Sie SSL/TLS in den Kontoeinstellungen.
error-protocol = Der Server hat das POP3-Protokoll verletzt ({ $detail }). Der Abruf wurde zum Schutz Ihrer E-Mails angehalten.
error-too-large = Eine Nachricht ist größer als erlaubt ({ $size } Bytes, Grenze { $limit }). Sie bleibt auf dem Server.
error-too-many = Der Server meldet zu viele Nachrichten ({ $count }).
error-locked = Für { $account } läuft bereits ein Abruf (vielleicht in einem anderen Postfach-Fenster). Versuchen Sie es erneut, wenn er beendet ist.
error-store = Der lokale Nachrichtenspeicher meldet einen Fehler: { $detail }. Prüfen Sie, ob die Festplatte voll ist.
error-keyring = { $reason } Das Passwort wird nicht gespeichert.
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

## Opening mail files
open-folder-name = Geöffnete Dateien
open-failed = { $path } kann nicht geöffnet werden: { $detail }
# A mailto: link given on the command line (by a browser or the desktop) that cannot be used; the window opens anyway.
cli-mailto-not-mailto = Das ist kein mailto:-Link. Postfach öffnet ohne neue Nachricht.
cli-mailto-too-long = Der mailto:-Link ist länger als { $kib } KB, so lange Links liest Postfach nicht. Postfach öffnet ohne neue Nachricht.
cli-mailto-bad-percent = Der mailto:-Link ist beschädigt: Auf ein % folgen nicht zwei Hexadezimalziffern. Postfach öffnet ohne neue Nachricht.
cli-mailto-not-utf8 = Der mailto:-Link ist nicht als UTF-8 kodiert, sein Text lässt sich daher nicht sicher lesen. Postfach öffnet ohne neue Nachricht.

## Befehlszeile
cli-account-added = Konto „{ $name }“ hinzugefügt.
cli-account-updated = Konto „{ $name }“ geändert.
cli-account-removed = Konto „{ $name }“ entfernt.
cli-smtp-needs-host = Die Angaben zum Postausgangsserver brauchen --smtp-host (den Namen des Servers).
cli-one-password-input = --password-stdin und --smtp-password-stdin lesen beide die Standardeingabe: bitte nur eines davon auf einmal.
cli-file-unreadable = „{ $path }“ konnte nicht gelesen werden: { $detail }
cli-no-outgoing-server = kein Postausgangsserver
cli-no-accounts = Noch keine Konten. Legen Sie eines an mit: postfach account add NAME --email ADRESSE --host SERVER
cli-fetch-summary = { $account }: { $result }
cli-password-prompt = Passwort für { $account }:
cli-saved-attachment = Gespeichert: { $path }
cli-no-attachments = Diese Nachricht hat keine Anhänge.
cli-moved-to-trash = In den Papierkorb verschoben.
cli-deleted = Endgültig gelöscht.

# Post ordnen: Ordner, Verschieben, Filter, Junk (postfach folder|move|rule|junk)
cli-unknown-folder = Es gibt keinen Ordner „{ $folder }“. Die Ordner zeigt: postfach folder list
cli-folder-exists = Dort gibt es schon einen Ordner „{ $folder }“.
cli-folder-not-local = So lassen sich nur selbst angelegte Ordner ändern, und ein Ordner kann nicht in sich selbst liegen.
cli-folder-added = Ordner „{ $folder }“ angelegt.
cli-folder-renamed = Ordner „{ $folder }“ heißt jetzt „{ $name }“.
cli-folder-removed = Ordner „{ $folder }“ entfernt; { $count ->
    [0] er war leer.
    [one] seine Nachricht liegt im Papierkorb.
   *[other] seine { $count } Nachrichten liegen im Papierkorb.
}
cli-moved = { $count ->
    [0] Keine Nachricht musste nach „{ $folder }“ verschoben werden.
    [one] 1 Nachricht nach „{ $folder }“ verschoben.
   *[other] { $count } Nachrichten nach „{ $folder }“ verschoben.
}
cli-copied = { $count ->
    [one] 1 Nachricht nach „{ $folder }“ kopiert.
   *[other] { $count } Nachrichten nach „{ $folder }“ kopiert.
}
cli-junk-marked = { $count ->
    [0] Keine Nachricht in den Junk-Ordner verschoben.
    [one] 1 Nachricht in den Junk-Ordner verschoben.
   *[other] { $count } Nachrichten in den Junk-Ordner verschoben.
}
cli-not-junk-marked = Post dieser Absender bleibt ab jetzt im Posteingang; { $count ->
    [0] keine Nachricht lag im Junk-Ordner.
    [one] 1 Nachricht zurück in den Posteingang verschoben.
   *[other] { $count } Nachrichten zurück in den Posteingang verschoben.
}
cli-no-rules = Noch keine Filter. Einen neuen legt an: postfach rule add NAME --if "from contains ..." --then "move-to ORDNER"
cli-unknown-rule = Es gibt keinen Filter „{ $rule }“. Die Filter zeigt: postfach rule list
cli-rule-bad-condition = „{ $condition }“ ist keine Bedingung. Schreiben Sie FELD TEST WERT (zum Beispiel: from contains müller), size greater 5M oder has-attachments.
cli-rule-bad-action = „{ $action }“ ist keine Aktion. Schreiben Sie move-to ORDNER, copy-to ORDNER, mark-read, flag, trash oder stop.
cli-rule-bad-pattern = Der reguläre Ausdruck ist nicht verwendbar: { $detail }
cli-rule-incomplete = Ein Filter braucht einen Namen und außer „stop“ mindestens eine Aktion.
cli-rule-added = Filter „{ $rule }“ angelegt; er läuft bei neuer Post nach den Filtern davor.
cli-rule-removed = Filter „{ $rule }“ entfernt.
cli-junk-bad-header = „{ $header }“ ist kein Kopfzeilenname (Buchstaben, Ziffern und Bindestriche, kein Doppelpunkt).
cli-rule-enabled = Filter „{ $rule }“ ist eingeschaltet.
cli-rule-disabled = Filter „{ $rule }“ ist ausgeschaltet; er behält seinen Platz.
cli-rule-ran = { $checked ->
    [one] 1 Nachricht geprüft
   *[other] { $checked } Nachrichten geprüft
}: { $moved } verschoben, { $copied } kopiert, { $trashed } in den Papierkorb.

## Desktop-App: Hauptfenster
ui-get-messages = Nachrichten abrufen
ui-get-messages-tip = Neue Nachrichten für alle Konten abrufen (Strg+R, F5)
ui-get-account-tip = Neue Nachrichten für { $account } abrufen
ui-cancel = Abbrechen
ui-cancel-tip = Abruf anhalten; dabei geht nichts verloren
ui-delete = Löschen
ui-delete-tip = Ausgewählte Nachrichten in den Papierkorb verschieben (Entf)
ui-delete-permanently = Endgültig löschen
ui-delete-permanently-tip = Ausgewählte Nachrichten endgültig löschen (Entf)
ui-mark-read = Als gelesen markieren
ui-mark-unread = Als ungelesen markieren
ui-search-placeholder = Suchen (Strg+F)
ui-search-clear = Suche leeren
ui-list-to = An: { $names }
ui-outbox-queued = Wartet im Postausgang darauf, gesendet zu werden.
ui-outbox-retry-at = Noch nicht gesendet; der nächste Versuch ist um { $time }.
ui-outbox-sending = Wird gesendet …
ui-outbox-unknown = Möglicherweise gesendet
ui-outbox-failed = Nicht gesendet
ui-outbox-send-now = Jetzt senden
ui-outbox-send-again = Erneut senden
ui-outbox-mark-sent = Ist angekommen: nach „Gesendet“ verschieben
ui-folder-unified = Alle Posteingänge
ui-folder-inbox = Posteingang
ui-folder-drafts = Entwürfe
ui-folder-sent = Gesendet
ui-folder-outbox = Postausgang
ui-folder-junk = Junk
ui-folder-trash = Papierkorb
ui-folder-local-trash = Papierkorb (lokal)
ui-local-folders = Lokale Ordner
ui-no-accounts = Noch keine Konten. Legen Sie eines in der Befehlszeile an: postfach account add NAME --email ADRESSE --host SERVER
ui-list-empty = Keine Nachrichten in diesem Ordner
ui-list-count = { $count ->
    [one] 1 Nachricht
   *[other] { $shown } Nachrichten
}
ui-list-unread = { $count ->
    [0] alle gelesen
    [one] 1 ungelesen
   *[other] { $shown } ungelesen
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
ui-picture-failed = Das Bild konnte nicht angezeigt werden: { $detail }
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
ui-date-written = { $day }. { $month } { $year }
ui-month-long = { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
}
ui-import-folder-name = Importiert
ui-thousands-separator = .

## Einstellungen: Fenster und allgemeine Einstellungen
settings-title = Einstellungen
settings-open = Einstellungen
settings-open-tip = Konten, Sprache und Darstellung (Strg+,)
settings-account-tip = Einstellungen für { $account }
settings-back = Zurück zu den Nachrichten
settings-nav-general = Allgemein
settings-nav-accounts = Konten
settings-nav-add-account = Konto hinzufügen
settings-app-intro = Diese Einstellungen gelten für das ganze Programm.
settings-language = Sprache
settings-language-system = Wie das System
settings-language-german = Deutsch
settings-language-english = English
settings-language-hint = Die Sprache wechselt sofort, ohne Neustart.
settings-theme = Darstellung
settings-theme-system = Wie das System
settings-theme-light = Hell
settings-theme-dark = Dunkel
settings-notifications = Benachrichtigungen
settings-notifications-on = Bei neuen Nachrichten eine Benachrichtigung zeigen
settings-notifications-hint = Gilt für alle Konten; jedes Konto kann sie in seinen Einstellungen zusätzlich abschalten.
settings-data = Ihre Daten
settings-data-hint = In diesem Ordner bewahrt Postfach Ihre Nachrichten und Einstellungen auf. Passwörter liegen nicht darin, sondern im Schlüsselbund des Systems.
settings-data-open = Ordner öffnen
settings-remote = Externe Inhalte
settings-remote-hint = HTML-Nachrichten dieser Absender laden ihre Bilder aus dem Internet, wenn Sie sie öffnen (nie im Papierkorb oder im Junk-Ordner). Stilvorlagen und Hintergründe bleiben blockiert.
settings-remote-none = Noch kein Absender. Wählen Sie „Immer für diesen Absender“ über einer HTML-Nachricht, um einen hinzuzufügen.
settings-remote-remove = Entfernen
settings-remote-remove-all = Alle entfernen
settings-remote-failed = Die Liste der Absender konnte nicht gelesen oder geändert werden: { $detail }
settings-data-open-failed = Der Ordner konnte nicht geöffnet werden: { $detail }
settings-config-save-failed = Ihre Einstellungen konnten nicht gespeichert werden: { $detail }

## Einstellungen: ein Konto
settings-account-subtitle = Einstellungen für dieses Konto. Änderungen gelten ab dem nächsten Abruf.
settings-identity = Identität
settings-account-name = Kontoname
settings-account-name-hint = So heißt das Konto in Postfach.
settings-display-name = Ihr Name
settings-email = E-Mail-Adresse
settings-server = Posteingangsserver (POP3)
settings-host = Server
settings-port = Port
settings-security = Verschlüsselung
settings-security-tls = SSL/TLS (empfohlen)
settings-security-tls-hint = Verschlüsselt ab dem ersten Byte, meist Port 995.
settings-security-starttls = STARTTLS
settings-security-starttls-hint = Wird gleich nach dem Verbinden verschlüsselt, meist Port 110.
settings-security-plain = Keine
settings-security-plain-hint = Unverschlüsselt. Nur für einen Server im eigenen Netz.
settings-security-short-tls = SSL/TLS
settings-security-short-starttls = STARTTLS
settings-security-short-plain = unverschlüsselt
settings-plain-warning-title = Ohne Verschlüsselung verbinden?
settings-plain-warning = Ihr Passwort und alle Nachrichten würden lesbar durch das Netz übertragen. Jeder, der die Verbindung mitlesen kann (zum Beispiel in einem öffentlichen WLAN), könnte Ihr Passwort sehen. Wählen Sie das nur für einen Server in Ihrem eigenen, vertrauenswürdigen Netz.
settings-plain-confirm = Trotzdem unverschlüsselt verbinden
settings-plain-cancel = Verschlüsselt bleiben
settings-plain-active = Diese Verbindung ist unverschlüsselt: Ihr Passwort wird lesbar durch das Netz übertragen.
settings-username = Benutzername
settings-auth = Anmeldung
settings-auth-auto = Automatisch (das sicherste Verfahren des Servers)
settings-auth-password = Normales Passwort
settings-auth-cram = Verschlüsseltes Passwort (CRAM-MD5)
settings-auth-apop = APOP
settings-auth-oauth = OAuth2
settings-password = Passwort
settings-password-unchanged = Unverändert lassen
settings-password-enter = Passwort eingeben
settings-password-save = Passwort speichern
settings-password-saved = Ein Passwort ist im Schlüsselbund des Systems gespeichert.
settings-password-none = Es ist noch kein Passwort gespeichert. Postfach fragt beim Abrufen danach.
settings-password-session = { $reason } Das Passwort gilt nur, bis Postfach beendet wird, und wird nirgends gespeichert.
settings-password-session-used = Der Schlüsselbund ist nicht verfügbar, daher gilt das Passwort nur für diese Sitzung.

## Einstellungen: Verbindung testen
settings-test = Verbindung testen
settings-test-running = Verbindung wird getestet…
settings-test-hint = Meldet sich an und liest die Größe des Postfachs. Es wird nichts heruntergeladen oder gelöscht.
settings-test-step-connect = Mit dem Server verbinden
settings-test-step-capabilities = Fähigkeiten des Servers lesen
settings-test-step-authenticate = Anmelden
settings-test-step-mailbox = Postfach lesen
settings-test-ok = { $count ->
    [0] Die Verbindung funktioniert. Das Postfach auf dem Server ist leer.
    [one] Die Verbindung funktioniert. 1 Nachricht ({ $size }) liegt auf dem Server.
   *[other] Die Verbindung funktioniert. { $count } Nachrichten ({ $size }) liegen auf dem Server.
}
settings-test-needs-password = Geben Sie zuerst das Passwort ein.
settings-test-trust = Zertifikat prüfen…

## Einstellungen: Postausgangsserver (SMTP), Antwortadresse und Signatur der Identität
settings-smtp = Postausgangsserver (SMTP)
settings-smtp-none = Für dieses Konto ist noch kein Postausgangsserver eingerichtet; es kann nur Mail empfangen.
settings-smtp-set-up = Postausgangsserver einrichten
settings-smtp-remove = Postausgangsserver entfernen
settings-smtp-security-tls-hint = Verschlüsselt ab dem ersten Byte, meist Port 465.
settings-smtp-security-starttls-hint = Wird gleich nach dem Verbinden verschlüsselt, meist Port 587.
settings-smtp-auth-plain = Normales Passwort (PLAIN)
settings-smtp-auth-login = Normales Passwort (LOGIN)
settings-smtp-auth-xoauth2 = OAuth2-Zugriffstoken (XOAUTH2)
settings-smtp-auth-oauthbearer = OAuth2-Zugriffstoken (OAUTHBEARER)
settings-smtp-auth-none = Keine Anmeldung
settings-smtp-same-password = Gleiches Passwort wie für den Posteingang
settings-smtp-token = Zugriffstoken
settings-smtp-token-enter = Zugriffstoken eingeben
settings-smtp-password-keyring = Wird beim Speichern im Schlüsselbund des Systems abgelegt.
settings-smtp-password-no-keyring = { $reason } Dieses Passwort kann nur im Schlüsselbund aufbewahrt werden und lässt sich daher gerade nicht speichern.
settings-smtp-missing-host = Geben Sie den Namen des Postausgangsservers ein.
settings-smtp-invalid-port = Der Port des Postausgangsservers muss eine Zahl von 1 bis 65535 sein.
settings-smtp-missing-username = Geben Sie den Benutzernamen für den Postausgangsserver ein oder wählen Sie „Keine Anmeldung“.
settings-saved-smtp-password-unsaved = Gespeichert, aber ohne das Passwort für den Postausgangsserver: { $reason }
settings-test-hint-both = Meldet sich bei beiden Servern an und liest die Größe des Postfachs. Es wird nichts heruntergeladen, gelöscht oder gesendet.
settings-test-step-quit = Verbindung beenden
settings-smtp-test-ok = Verbindung und Anmeldung funktionieren. Es wurde nichts gesendet.
settings-smtp-test-ok-no-auth = Die Verbindung funktioniert (ohne Anmeldung). Es wurde nichts gesendet.
settings-smtp-test-size = Der Server nimmt Nachrichten bis { $size } an.
settings-smtp-test-needs-password = Geben Sie zuerst das Passwort für den Postausgangsserver ein.
settings-trust-shared = Postfach kann diesem Zertifikat nicht vertrauen, ohne den anderen Server des Kontos auszusperren: Ein Zertifikat, dem Sie vertrauen, gilt immer für beide Server eines Kontos. Wählen Sie stattdessen beim Posteingangsserver ein CA-Zertifikat, das beide Server bestätigt.
settings-reply-to = Antwortadresse
settings-reply-to-placeholder = optional
settings-reply-to-hint = Wohin Antworten gehen sollen, falls nicht an die Adresse oben.
settings-reply-to-invalid = Die Antwortadresse ist keine gültige E-Mail-Adresse.
settings-signature = Signatur
settings-signature-hint = Reiner Text, der unter Ihre Nachrichten gesetzt wird.
wizard-found-smtp = Postausgangsserver: { $host }, Port { $port }, { $security }.
wizard-reason-smtp-server = antwortet nicht wie ein SMTP-Server

## Einstellungen: POP3-Optionen
settings-pop3 = Nachrichten auf dem Server
settings-pop3-delete-hint = Aus: Nachrichten werden heruntergeladen und danach vom Server gelöscht (so arbeitet POP3 üblicherweise).
settings-leave-on-server = Mail auf dem Server belassen
settings-leave-on-server-hint = Sinnvoll, wenn Sie Ihre Mail auch auf anderen Geräten lesen.
settings-keep-days = höchstens
settings-keep-days-unit = Tage
settings-keep-days-hint = gezählt ab dem ersten Herunterladen
settings-until-deleted = bis ich sie hier lösche
settings-until-deleted-hint = Was Sie hier endgültig löschen, wird auch auf dem Server gelöscht.
settings-days-invalid = Geben Sie eine Anzahl Tage von 1 bis 3650 ein.
settings-server-says = Was der Server dazu sagt
settings-confirm-delete-title = Nachrichten auf dem Server löschen?
settings-confirm-delete = Wenn „Mail auf dem Server belassen“ aus ist, löscht der nächste Abruf alle Nachrichten vom Server, die Postfach schon heruntergeladen hat. Andere Geräte können sie dann nicht mehr abrufen. Ihre Kopien hier bleiben erhalten.
settings-confirm-delete-yes = Ja, künftig herunterladen und löschen
settings-confirm-delete-no = Auf dem Server belassen

## Einstellungen: Abrufen
settings-checking = Abrufen
settings-check-startup = Beim Start nach neuen Nachrichten sehen
settings-check-every = Nach neuen Nachrichten sehen alle
settings-check-every-unit = Minuten
settings-minutes-invalid = Geben Sie eine Anzahl Minuten von 1 bis 1440 ein.
settings-login-delay-note = Der Server erlaubt nur alle { $minutes } Minuten eine Anmeldung; Postfach wartet mindestens so lange.
settings-notify = Bei neuen Nachrichten benachrichtigen
settings-notify-off-globally = Benachrichtigungen sind unter „Allgemein“ ausgeschaltet.

## Einstellungen: Speichern und Entfernen
settings-save = Speichern
settings-revert = Änderungen verwerfen
settings-saving = Wird gespeichert…
settings-saved = Gespeichert. Die Änderungen gelten ab dem nächsten Abruf.
settings-unsaved = Es gibt nicht gespeicherte Änderungen.
settings-save-failed = Die Einstellungen konnten nicht gespeichert werden: { $detail }
settings-name-taken = Es gibt schon ein Konto namens „{ $name }“.
settings-missing-name = Geben Sie dem Konto einen Namen.
settings-missing-host = Geben Sie den Namen des Servers ein.
settings-invalid-port = Der Port muss eine Zahl von 1 bis 65535 sein.
settings-missing-username = Geben Sie den Benutzernamen ein.
settings-remove = Konto entfernen…
settings-remove-title = Das Konto „{ $account }“ entfernen?
settings-remove-text = Postfach ruft für dieses Konto keine Nachrichten mehr ab. Auf dem Server wird nichts gelöscht. Was soll mit seinen Nachrichten hier geschehen?
settings-remove-keep = In einem lokalen Ordner behalten
settings-remove-keep-hint = Die Nachrichten kommen in den Ordner „{ $folder }“.
settings-remove-delete = Hier löschen
settings-remove-delete-hint = Die Nachrichten des Kontos werden hier endgültig gelöscht. Kopien in Ihren lokalen Ordnern bleiben.
settings-remove-confirm = Konto entfernen
settings-remove-folder = { $account } (Archiv)
settings-remove-failed = Das Konto konnte nicht entfernt werden: { $detail }
settings-removed = Das Konto „{ $account }“ wurde entfernt.
settings-cancel = Abbrechen

## Zertifikat prüfen
trust-title = Zertifikat des Servers prüfen
trust-intro = Postfach kann nicht bestätigen, dass dieser Server wirklich { $host } ist: Sein Zertifikat ist nicht von einer bekannten Stelle bestätigt. Es kann selbst ausgestellt, auf einen anderen Namen ausgestellt oder abgelaufen sein.
trust-reason = Grund: { $detail }
trust-subject = Ausgestellt für
trust-issuer = Ausgestellt von
trust-valid = Gültig
trust-valid-range = { $from } bis { $until }
trust-fingerprint = Fingerabdruck (SHA-256)
trust-risk = Wer die Verbindung abfängt, sähe genau so aus. Vertrauen Sie diesem Zertifikat nur, wenn Sie wissen, dass Ihr Server ein eigenes Zertifikat verwendet – etwa weil Ihr Anbieter oder Administrator Ihnen diesen Fingerabdruck genannt hat. Postfach akzeptiert dann genau dieses Zertifikat für dieses Konto und warnt Sie, falls es sich ändert.
trust-accept = Diesem Zertifikat für dieses Konto vertrauen
trust-cancel = Abbrechen
trust-changed-title = Das Zertifikat des Servers hat sich geändert
trust-changed-intro = Der Server { $host } zeigt ein anderes Zertifikat als das, dem Sie vertraut haben. Möglicherweise hört jemand die Verbindung ab – oder Ihr Anbieter hat sein Zertifikat erneuert.
trust-expected = Bisher vertraut
trust-actual = Jetzt vorgelegt
trust-changed-risk = Fragen Sie im Zweifel Ihren Anbieter nach dem neuen Fingerabdruck, bevor Sie dem neuen Zertifikat vertrauen.
trust-accept-new = Dem neuen Zertifikat für dieses Konto vertrauen
trust-banner-button = Zertifikat prüfen…
trust-saved = Das Zertifikat wird für { $account } ab jetzt akzeptiert.

## Konto-Assistent
wizard-title = Willkommen bei Postfach
wizard-intro = Richten Sie Ihr E-Mail-Konto ein. Postfach holt Ihre Mail per POP3 ab und bewahrt sie auf diesem Computer auf.
wizard-add-title = Konto hinzufügen
wizard-step = Schritt { $step } von 3
wizard-name = Ihr Name
wizard-name-placeholder = Vor- und Nachname
wizard-email = E-Mail-Adresse
wizard-email-placeholder = name@beispiel.de
wizard-password = Passwort
wizard-manual = Servereinstellungen selbst eingeben
wizard-next = Weiter
wizard-back = Zurück
wizard-cancel = Abbrechen
wizard-finish = Fertig
wizard-email-invalid = Das ist keine gültige E-Mail-Adresse.
wizard-no-pop3 = Dieser Anbieter bietet kein POP3 an. Sie können trotzdem selbst einen Server eingeben.
wizard-searching = Postfach sucht Ihren Server…
wizard-trying = Versuche { $host }, Port { $port } ({ $security })…
wizard-attempt-failed = { $host }, Port { $port }: { $reason }
wizard-found = Gefunden: { $host }, Port { $port }, { $security }. Die Anmeldung hat funktioniert.
wizard-not-found = Postfach hat keinen funktionierenden Server gefunden. Geben Sie unten die Einstellungen Ihres Anbieters ein und testen Sie die Verbindung.
wizard-server-title = Servereinstellungen
wizard-edit = Ändern
wizard-search-again = Erneut suchen
wizard-test-first = Testen Sie die Verbindung, bevor Sie fortfahren.
wizard-options-title = Was soll mit den Nachrichten auf dem Server geschehen?
wizard-options-intro = Sie können das später in den Einstellungen des Kontos ändern.
wizard-account-name = Name des Kontos in Postfach
wizard-saving = Das Konto wird eingerichtet…
wizard-failed = Das Konto konnte nicht eingerichtet werden: { $detail }
wizard-done = Das Konto „{ $account }“ ist eingerichtet. Postfach ruft jetzt Ihre Mail ab.
settings-no-accounts = Noch keine Konten. Legen Sie eines unter Einstellungen → Konto hinzufügen an.
wizard-server-intro = Postfach sucht die Einstellungen Ihres Anbieters und testet sie. Sie können alles von Hand ändern.
wizard-reason-network = nicht erreichbar
wizard-reason-tls = keine sichere Verbindung möglich
wizard-reason-busy = ausgelastet, später erneut versuchen
wizard-reason-server = antwortet nicht wie ein POP3-Server
settings-leave-title = Änderungen verwerfen?
settings-leave-text = Die Einstellungen von „{ $account }“ wurden geändert, aber nicht gespeichert.
settings-leave-discard = Verwerfen
settings-leave-stay = Weiter bearbeiten
wizard-option-delete = Herunterladen und vom Server löschen (Standard)
wizard-option-delete-hint = Ihre Mail liegt dann nur auf diesem Computer, und das Postfach beim Anbieter läuft nicht voll.
wizard-later = Später

## Selecting several messages; dragging and copying attachments
ui-selected-count = { $count ->
    [one] 1 Nachricht ausgewählt
   *[other] { $shown } Nachrichten ausgewählt
}
ui-selection-changed = Die Liste hat sich inzwischen geändert, deshalb wurde nichts ausgeführt. Bitte wählen Sie die Nachrichten erneut aus.
ui-drag-failed = „{ $name }“ konnte nicht aus dem Fenster gezogen werden: { $detail }. Verwenden Sie stattdessen „Speichern unter…“.
ui-attachment-copy = Kopieren
ui-attachment-copy-tip = Datei kopieren, um sie im Dateimanager in einen Ordner einzufügen
ui-copied = „{ $name }“ kopiert. Fügen Sie die Datei im Dateimanager in einen Ordner ein.
ui-copy-failed = „{ $name }“ konnte nicht kopiert werden: { $detail }. Verwenden Sie stattdessen „Speichern unter…“.

## Einstellungen: eigenes CA-Zertifikat des Kontos
settings-ca-file = CA-Zertifikat
settings-ca-file-none = Keins
settings-ca-file-choose = Auswählen…
settings-ca-file-remove = Entfernen
settings-ca-file-hint = Nur nötig, wenn das Zertifikat Ihres Servers von einer eigenen Zertifizierungsstelle stammt (etwa im Firmennetz). Den Zertifikaten in dieser Datei wird zusätzlich zu denen des Systems vertraut.
settings-ca-file-dialog = CA-Zertifikat auswählen (PEM-Datei)
settings-ca-file-filter = Zertifikate (PEM)
settings-ca-file-filter-all = Alle Dateien
settings-ca-file-unreadable = Das CA-Zertifikat „{ $file }“ kann nicht gelesen werden: { $detail }
settings-ca-file-not-pem = Die Datei „{ $file }“ enthält kein Zertifikat im PEM-Format. Wählen Sie eine Datei, die mit „-----BEGIN CERTIFICATE-----“ beginnt.
settings-ca-file-damaged = Das CA-Zertifikat „{ $file }“ ist beschädigt: { $detail }

## Senden (SMTP). Jeder Satz sagt, ob die Nachricht verschickt wurde; nichts wird doppelt gesendet.
smtp-error-network = Der Postausgangsserver { $host } ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung sowie Servername und Port in den Kontoeinstellungen. Die Nachricht wurde nicht gesendet und bleibt im Postausgang.
smtp-error-refused = Der Postausgangsserver { $host } hat die Verbindung abgelehnt. Prüfen Sie Servername und Port in den Kontoeinstellungen. Die Nachricht wurde nicht gesendet.
smtp-error-name = Der Postausgangsserver { $host } wurde nicht gefunden. Prüfen Sie die Schreibweise in den Kontoeinstellungen und Ihre Internetverbindung. Die Nachricht wurde nicht gesendet.
smtp-error-timeout = Der Postausgangsserver { $host } hat nicht rechtzeitig geantwortet. Die Nachricht wurde nicht gesendet; Postfach versucht es später erneut.
smtp-error-closed = Der Postausgangsserver { $host } hat die Verbindung unerwartet beendet. Die Nachricht wurde nicht gesendet; Postfach versucht es später erneut.
smtp-error-aborted = Die Nachricht wurde nicht gesendet: Postfach konnte in seinem Mailspeicher nicht vermerken, dass sie gleich gesendet wird (ist die Festplatte voll?). Sie bleibt im Postausgang und wird später erneut versucht.
send-unknown = Die Nachricht wurde an { $host } übertragen, aber der Server hat nicht bestätigt, dass er sie angenommen hat (die Verbindung brach ab oder der Server antwortete nicht rechtzeitig). Sie wurde möglicherweise gesendet. Sie bleibt im Postausgang mit dem Vermerk „möglicherweise gesendet“: Fragen Sie bei einem Empfänger nach oder sehen Sie im Webmail des Anbieters nach, dann senden Sie sie erneut oder markieren Sie sie als gesendet.
send-failed-title = Senden von { $account }:
send-no-password = Für den Postausgangsserver von „{ $account }“ ist kein Passwort gespeichert. Geben Sie es in den Kontoeinstellungen ein; die Nachrichten warten im Postausgang.
send-status-sent = { $count ->
    [one] 1 Nachricht gesendet
   *[other] { $count } Nachrichten gesendet
}
send-status-kept = { $count ->
    [one] 1 noch im Postausgang
   *[other] { $count } noch im Postausgang
}
smtp-error-starttls = Der Postausgangsserver { $host } bietet kein STARTTLS an, daher können Passwort und Nachricht nicht sicher übertragen werden. Es wurde nichts gesendet. Wählen Sie in den Kontoeinstellungen SSL/TLS (meist Port 465).
smtp-error-auth = Der Postausgangsserver { $host } hat die Anmeldung nicht angenommen. Prüfen Sie Benutzername und Passwort in den Kontoeinstellungen. Die Nachricht wurde nicht gesendet.
smtp-error-auth-failed = Der Postausgangsserver hat Benutzername oder Passwort abgelehnt. Prüfen Sie beides in den Kontoeinstellungen und geben Sie das Passwort neu ein. Die Nachricht wurde nicht gesendet.
smtp-error-app-password = Ihr Anbieter verlangt für E-Mail-Programme ein App-Passwort (weil die Bestätigung in zwei Schritten eingeschaltet ist). Erstellen Sie eines in den Sicherheitseinstellungen Ihres Kontos und geben Sie es hier als Passwort ein. Die Nachricht wurde nicht gesendet.
smtp-error-basic-auth-off = Ihr Anbieter erlaubt das Senden mit Passwort-Anmeldung nicht mehr (die Standardauthentifizierung ist für dieses Postfach abgeschaltet). Bitten Sie Ihre Administration, authentifiziertes SMTP zu erlauben, oder wählen Sie eine andere Anmeldemethode. Die Nachricht wurde nicht gesendet.
smtp-error-send-as-denied = Sie dürfen mit dieser Absenderadresse von diesem Konto aus nicht senden. Wählen Sie die Adresse, die zum Konto gehört, oder bitten Sie Ihre Administration um die Berechtigung „Senden als“. Die Nachricht wurde nicht gesendet.
smtp-error-message-too-large = Die Nachricht ist zu groß für den Server. Entfernen oder verkleinern Sie Anhänge und senden Sie sie erneut. Die Nachricht wurde nicht gesendet.
smtp-error-sender-refused = Der Server erlaubt diese Absenderadresse für Ihr Konto nicht. Prüfen Sie die E-Mail-Adresse in den Kontoeinstellungen. Die Nachricht wurde nicht gesendet.
smtp-error-temporary = Der Server kann die Nachricht gerade nicht annehmen. Sie bleibt im Postausgang; Postfach versucht es später erneut.
smtp-error-recipients = Der Server hat alle Empfänger abgelehnt. Prüfen Sie die Adressen und senden Sie die Nachricht erneut. Die Nachricht wurde nicht gesendet.
smtp-error-refused-message = Der Server hat die Nachricht abgelehnt. Sie wurde nicht gesendet; den Grund des Servers finden Sie in den Details.
smtp-error-too-large = Die Nachricht ({ $size } Bytes) ist größer, als der Server annimmt ({ $limit } Bytes). Entfernen oder verkleinern Sie Anhänge. Die Nachricht wurde nicht gesendet.
smtp-error-utf8 = Eine Adresse enthält Zeichen, die der Server nicht verarbeiten kann (er unterstützt keine internationalen Adressen). Verwenden Sie eine Adresse nur mit ASCII-Zeichen. Die Nachricht wurde nicht gesendet.
smtp-error-envelope = Die Nachricht hat keine gültige Empfängeradresse. Prüfen Sie die Adressen. Die Nachricht wurde nicht gesendet.
smtp-error-protocol = Der Postausgangsserver { $host } antwortet auf eine Weise, die Postfach nicht versteht. Die Nachricht wurde nicht gesendet.

## postfach send / outbox
cli-send-queued = Nachricht { $id } liegt im Postausgang.
cli-send-sent = { $account }: Nachricht { $id } wurde gesendet.
cli-send-refused = Abgelehnt: { $address } ({ $reply })
cli-send-bad-address = „{ $address }“ ist keine E-Mail-Adresse.
cli-send-no-server = Das Konto „{ $account }“ hat keinen Postausgangsserver. Richten Sie einen ein mit: postfach account set { $account } --smtp-host HOST
cli-send-cannot-build = Die Nachricht kann nicht erstellt werden: { $detail }
cli-send-locked = Der Postausgang von „{ $account }“ wird gerade von einem anderen Postfach gesendet. Versuchen Sie es gleich noch einmal.
cli-send-file = { $path } kann nicht gelesen werden: { $detail }
cli-send-too-big = { $path } ist größer als 100 MB; so große Dateien sendet Postfach nicht.
cli-outbox-empty = Der Postausgang ist leer.
cli-outbox-no-such = Im Postausgang gibt es keine Nachricht { $id }.
cli-outbox-removed = Nachricht { $id } wurde in den Papierkorb verschoben; sie wird nicht gesendet.
cli-outbox-marked-sent = Nachricht { $id } wurde nach „Gesendet“ verschoben.
outbox-state-queued = wartet
outbox-state-unknown = möglicherweise gesendet
outbox-state-failed = nicht gesendet

## Mail schreiben: das Fenster zum Verfassen
ui-write = Verfassen
ui-write-tip = Eine neue Nachricht schreiben (Strg+N)
ui-reply = Antworten
ui-reply-tip = Dem Absender antworten
ui-reply-all = Allen antworten
ui-reply-all-tip = Dem Absender und allen Empfängern antworten (Strg+Umschalt+R)
ui-reply-list = An Liste antworten
ui-reply-list-tip = Der Mailingliste antworten (Strg+Umschalt+L)
ui-forward = Weiterleiten
ui-forward-tip = Die Nachricht mit Text und Anhängen weiterleiten (Strg+L)

ui-forward-attached-tip = Die ganze Nachricht als Anhang weiterleiten
ui-draft-note = Dies ist ein Entwurf; er wurde nicht gesendet.
ui-draft-continue = Weiterschreiben
ui-outbox-edit = Bearbeiten
compose-title-new = Neue Nachricht
compose-from = Von
compose-to = An
compose-cc = Cc
compose-bcc = Bcc
compose-subject = Betreff
compose-subject-placeholder = Worum geht es?
compose-address-placeholder = Name oder Adresse; mehrere durch Komma getrennt
compose-body-placeholder = Ihre Nachricht…
compose-send = Senden
compose-send-tip = Nachricht senden (Strg+Eingabe); sie wartet im Postausgang, bis der Server sie hat
compose-attach = Anhängen
compose-attach-tip = Dateien anhängen (Strg+Umschalt+A) oder auf dieses Fenster ziehen
compose-attach-title = Dateien anhängen
compose-save = Speichern
compose-save-tip = Jetzt als Entwurf speichern (Strg+S); Entwürfe werden auch beim Schreiben gespeichert
compose-discard = Verwerfen
compose-discard-tip = Diese Nachricht verwerfen
compose-files = { $count ->
    [one] Ein Anhang, { $size }
   *[other] { $count } Anhänge, { $size }
}
compose-not-an-address = Keine E-Mail-Adresse: { $entries }
compose-queueing = Die Nachricht kommt in den Postausgang…
compose-saved = Entwurf gespeichert um { $time }
compose-subject-prefixes = de
compose-attribution = Am { $date } um { $time } schrieb { $name }:
compose-attribution-undated = { $name } schrieb:
compose-forwarded-title = -------- Weitergeleitete Nachricht --------
compose-forwarded-file = Weitergeleitete Nachricht
compose-no-account = Richten Sie zuerst ein Konto ein.
compose-no-server = Das Konto „{ $account }“ hat noch keinen Postausgangsserver. Tragen Sie ihn unter Einstellungen → { $account } → Postausgangsserver (SMTP) ein.
compose-no-recipient = Geben Sie mindestens einen Empfänger an (An, Cc oder Bcc).
compose-invalid-addresses = Einige Einträge sind keine E-Mail-Adressen; sie sind oben markiert. Korrigieren oder entfernen Sie sie und senden Sie erneut.
compose-queue-failed = Die Nachricht konnte nicht in den Postausgang gelegt werden, es wurde nichts gesendet. Sie bleibt hier. ({ $detail })
compose-save-failed = Der Entwurf konnte nicht gespeichert werden; Postfach versucht es weiter. ({ $detail })
compose-discard-failed = Der Entwurf konnte nicht entfernt werden. ({ $detail })
compose-attach-failed = „{ $name }“ kann nicht angehängt werden: { $detail }
compose-attach-folder = „{ $name }“ ist ein Ordner; anhängen lassen sich nur Dateien.
compose-attach-too-big = „{ $name }“ ist größer als 100 MB; so große Dateien sendet Postfach nicht.
compose-ask-attachment-title = Anhang vergessen?
compose-ask-attachment = Ihr Text erwähnt einen Anhang, aber es ist nichts angehängt.
compose-send-anyway = Trotzdem senden
compose-keep-writing = Weiterschreiben
compose-ask-large-title = Eine große Nachricht
compose-ask-large = Die Anhänge sind { $size } groß. Der Postausgangsserver oder der Server des Empfängers lehnt Nachrichten über { $limit } womöglich ab; dann bleibt sie mit dem Grund im Postausgang.
compose-ask-discard-title = Diese Nachricht verwerfen?
compose-ask-discard = Was Sie geschrieben haben, und der gespeicherte Entwurf werden entfernt.

## Das Kontextmenü der Nachrichtenliste (rechts in den Einträgen die Tastenkürzel)
ui-forward-as-attachment = Als Anhang weiterleiten
ui-keys-reply-all = Strg+Umschalt+R
ui-keys-forward = Strg+L
ui-keys-delete = Entf

## HTML-Mail in der Leseansicht
ui-view-formatted = Formatiert
ui-view-plain = Reiner Text
ui-remote-blocked = { $count ->
    [one] Externe Inhalte wurden zum Schutz Ihrer Privatsphäre blockiert (ein Bild oder Stil aus dem Internet).
   *[other] Externe Inhalte wurden zum Schutz Ihrer Privatsphäre blockiert ({ $count } Bilder oder Stile aus dem Internet).
}
ui-remote-load = Für diese Nachricht laden
ui-remote-always = Immer für diesen Absender
ui-remote-shown = Externe Bilder werden angezeigt. Stilvorlagen, Schriften und Hintergründe aus dem Internet bleiben blockiert.
ui-remote-never = Für Nachrichten im Papierkorb oder im Junk-Ordner werden externe Inhalte nie geladen.
ui-html-image = [Bild]
ui-html-image-alt = [Bild: { $alt }]
ui-link-warning-title = Dieser Link führt vielleicht nicht dorthin, wo er zu führen scheint
ui-link-warning = Der Link zeigt { $shown } an, führt aber zu { $target }. So arbeiten Phishing-Mails. Öffnen Sie ihn nur, wenn Sie der Zieladresse vertrauen.
ui-link-warning-open = Trotzdem öffnen
ui-link-warning-cancel = Nicht öffnen

## import and export (command line)
cli-import-progress = Importiere in „{ $folder }“: { $percent } % ({ $count } Nachrichten)
cli-import-folder = Ordner „{ $folder }“
cli-import-summary = { $imported } { $imported ->
        [one] Nachricht
       *[other] Nachrichten
    } importiert; { $duplicates } schon vorhanden, { $deleted } in der Quelle als gelöscht markiert und ausgelassen, { $failed } nicht lesbar.
cli-import-failed = Der Import wurde abgebrochen: { $detail }. Was bis dahin importiert wurde, bleibt erhalten; führen Sie denselben Befehl noch einmal aus, um ihn abzuschließen.
cli-export-done = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    } nach { $path } geschrieben.
cli-export-where = Geben Sie an, wohin geschrieben werden soll: --mbox DATEI, --eml ORDNER oder --maildir ORDNER.

## settings: import and export
settings-nav-transfer = Import und Export
settings-transfer-subtitle = Übernehmen Sie Ihre Nachrichten aus einem anderen Programm, oder nehmen Sie sie mit.
settings-import = Nachrichten importieren
settings-import-hint = Übernehmen Sie Nachrichten aus einem anderen Programm: die Ordner von Thunderbird, eine mbox-Datei, ein Maildir oder einen Ordner mit .eml-Dateien. Jede Quelle wird ein lokaler Ordner; schon vorhandene Nachrichten werden übersprungen, so lässt sich ein Import durch erneutes Ausführen abschließen.
settings-import-thunderbird = In Thunderbird gefunden
settings-import-no-thunderbird = Auf diesem Computer wurde kein Thunderbird-Profil gefunden.
settings-import-tb-folder = { $name } (Profil „{ $profile }“)
settings-import-ticked = Angehakte Ordner importieren
settings-import-file = Datei importieren…
settings-import-folder = Ordner importieren…
settings-import-cancel = Abbrechen
settings-import-cancelled = Der Import wurde abgebrochen; was schon importiert ist, bleibt, und ein erneuter Import schließt ihn ab.
settings-import-failed = Der Import wurde abgebrochen: { $detail }. Was bis dahin importiert wurde, bleibt erhalten; importieren Sie dasselbe noch einmal, um ihn abzuschließen.
settings-export = Nachrichten exportieren
settings-export-hint = Schreibt alle Ordner als Maildir-Baum (lesbar für Thunderbirds ImportExportTools, mutt, Evolution und andere). Einzelne Nachrichten oder einen Ordner (Strg+A) schreiben Sie über das Kontextmenü der Nachrichtenliste als mbox- oder .eml-Dateien.
settings-export-maildir = Alles als Maildir exportieren…
settings-export-done = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    } nach { $path } geschrieben.
settings-export-failed = Der Export ist fehlgeschlagen: { $detail }
cli-state-imported = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    } von „{ $account }“ gelten jetzt als von { $program } abgerufen: Postfach ruft sie nicht noch einmal ab und löscht sie nie auf dem Server ({ $known } waren schon bekannt).{ $linked ->
        [0] {""}
       *[other] {" "}{ $linked } davon kamen mit ihrer Post: Sie liegen hier, und Ihre Einstellungen für die Kopien auf dem Server gelten für sie. Der nächste Abruf zeigt zuerst, was er tun wird.
    }
cli-state-no-match = Die Datei enthält keinen Stand für { $user } auf { $host }. Sie enthält: { $found }.
cli-state-which = Geben Sie an, welches Programm den Stand geschrieben hat: --from thunderbird|mpop|fetchmail|getmail|claws PFAD.
cli-state-forgotten = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    }, die ein anderes Programm für „{ $account }“ abgerufen hatte, vergessen: der nächste Abruf lädt sie herunter.

## organising: move, archive, junk
ui-archive-name = Archiv
ui-moved = { $count ->
        [one] Eine Nachricht
       *[other] { $count } Nachrichten
    } nach „{ $folder }“ verschoben. Strg+Z macht es rückgängig.
ui-archived = { $count ->
        [one] Eine Nachricht
       *[other] { $count } Nachrichten
    } in „{ $folder }“ archiviert. Strg+Z macht es rückgängig.
ui-junked = { $count ->
        [one] Eine Nachricht
       *[other] { $count } Nachrichten
    } in den Junk-Ordner verschoben. Strg+Z macht es rückgängig.
ui-not-junked = { $count ->
        [one] Eine Nachricht
       *[other] { $count } Nachrichten
    } zurück in den Posteingang; Nachrichten { $count ->
        [one] dieses Absenders
       *[other] dieser Absender
    } kommen nicht mehr in den Junk-Ordner.
ui-msgs-copied = { $count ->
        [one] Eine Nachricht
       *[other] { $count } Nachrichten
    } nach „{ $folder }“ kopiert.
ui-move-undone = { $count ->
        [one] Eine Nachricht ist
       *[other] { $count } Nachrichten sind
    } wieder, wo { $count ->
        [one] sie war
       *[other] sie waren
    }.
ui-move-title = { $count ->
        [one] Nachricht verschieben nach…
       *[other] { $count } Nachrichten verschieben nach…
    }
ui-move-filter = Tippen, um einen Ordner zu finden
ui-move-none = Kein Ordner passt.
ui-move-copy = Kopieren statt verschieben
ui-move-to = Verschieben nach…
ui-move-to-tip = Die ausgewählten Nachrichten in einen anderen Ordner verschieben (Strg+Umschalt+V)
ui-archive = Archivieren
ui-archive-tip = Die ausgewählten Nachrichten ins Archiv verschieben, ein Ordner je Jahr (A)
ui-junk = Junk
ui-junk-tip = Die ausgewählten Nachrichten in den Junk-Ordner verschieben (J)
ui-not-junk = Kein Junk
ui-not-junk-tip = Zurück in den Posteingang; Nachrichten dieser Absender bleiben aus dem Junk-Ordner (Umschalt+J)
ui-keys-move-to = Strg+Umschalt+V
ui-keys-archive = A
ui-keys-junk = J
ui-keys-not-junk = Umschalt+J

## settings: message rules
settings-nav-rules = Filterregeln
rules-intro = Neue Nachrichten durchlaufen diese Regeln beim Eintreffen, von oben nach unten: jede Regel, deren Bedingungen zutreffen, führt ihre Aktionen aus. Texte werden ohne Rücksicht auf Groß- und Kleinschreibung und Umlaut-Schreibweise verglichen („muller“ findet „Müller“).
rules-list = Regeln
rules-none = Noch keine Regeln.
rules-new = Neue Regel
rules-edit = Ändern
rules-remove = Entfernen
rules-up = Früher (läuft vor der Regel darüber)
rules-down = Später (läuft nach der Regel darunter)
rules-summary = { $count ->
        [one] 1 Bedingung
       *[other] { $count } Bedingungen ({ $all ->
            [all] alle
           *[any] eine davon
        })
    } → { $actions }
rules-folder-gone = (ein Ordner, den es nicht mehr gibt)
rules-new-title = Neue Regel
rules-edit-title = Regel ändern
rules-name = Name
rules-name-placeholder = z. B. Rechnungen
rules-account = Für Nachrichten von
rules-all-accounts = allen Konten
rules-match-all = Alle Bedingungen treffen zu
rules-match-any = Eine Bedingung trifft zu
rules-field-from = Von
rules-field-to = An
rules-field-cc = Kopie (CC)
rules-field-to-or-cc = An oder Kopie
rules-field-subject = Betreff
rules-field-header = Kopfzeile…
rules-field-body = Text der Nachricht
rules-field-size = Größe
rules-field-attachments = Hat Anhänge
rules-test-contains = enthält
rules-test-not-contains = enthält nicht
rules-test-is = ist
rules-test-begins = beginnt mit
rules-test-ends = endet mit
rules-test-matches = passt auf den regulären Ausdruck
rules-test-greater = ist größer als
rules-test-less = ist kleiner als
rules-header-name = Name der Kopfzeile
rules-value = Text
rules-size-kb = KB
rules-add-condition = Bedingung hinzufügen
rules-then = Dann
rules-action-move = Verschieben nach
rules-action-copy = Kopieren nach
rules-action-read = Als gelesen markieren
rules-action-flag = Markieren (Flagge)
rules-action-trash = In den Papierkorb verschieben
rules-action-stop = Anhalten (keine weitere Regel)
rules-choose-folder = Ordner wählen
rules-add-action = Aktion hinzufügen
rules-remove-line = Diese Zeile entfernen
rules-save = Regel speichern
rules-needs-name = Geben Sie der Regel einen Namen.
rules-needs-value = Einer Bedingung fehlt der Text, mit dem verglichen wird.
rules-needs-header = Nennen Sie die Kopfzeile, die eine Bedingung prüft (ohne Doppelpunkt).
rules-needs-size = Eine Größe muss eine ganze Zahl in KB sein.
rules-needs-condition = Eine Regel braucht mindestens eine Bedingung.
rules-needs-folder = Wählen Sie den Ordner für „Verschieben nach“ oder „Kopieren nach“.
rules-needs-action = Eine Regel braucht mindestens eine Aktion.
rules-bad-pattern = Der reguläre Ausdruck lässt sich nicht verwenden: { $detail }
rules-failed = Die Regeln konnten nicht gelesen oder geändert werden: { $detail }
rules-run = Regeln jetzt anwenden
rules-run-hint = Wendet die eingeschalteten Regeln auf alle Nachrichten eines Ordners an, etwa nachdem Sie eine neue Regel geschrieben haben.
rules-run-now = Jetzt anwenden
rules-running = Die Regeln laufen: { $done } von { $all } Nachrichten…
rules-ran = { $checked } { $checked ->
        [one] Nachricht
       *[other] Nachrichten
    } geprüft: { $moved } verschoben, { $copied } kopiert, { $trashed } in den Papierkorb.

## local folders in the window
folder-new-tip = Neuer Ordner
folder-name-placeholder = Name des Ordners
folder-new-title = Neuer Ordner
folder-create = Anlegen
folder-place = In
folder-manage-title = Ordner „{ $name }“
folder-new-inside = Neuer Ordner darin
folder-rename = Umbenennen
folder-delete = Löschen…
folder-delete-title = „{ $name }“ löschen?
folder-delete-text = { $messages ->
        [0] Der Ordner ist leer
        [one] Seine eine Nachricht kommt in den Papierkorb
       *[other] Seine { $messages } Nachrichten kommen in den Papierkorb
    }{ $folders ->
        [0] .
        [one] , mit denen seines Unterordners, der ebenfalls gelöscht wird.
       *[other] , mit denen seiner { $folders } Unterordner, die ebenfalls gelöscht werden.
    } Nachrichten im Papierkorb lassen sich wiederherstellen.
folder-created = Ordner „{ $name }“ angelegt.
folder-renamed = Ordner in „{ $name }“ umbenannt.
folder-deleted = Ordner gelöscht; { $messages } { $messages ->
        [one] Nachricht
       *[other] Nachrichten
    } in den Papierkorb verschoben.
folder-failed = Der Ordner konnte nicht geändert werden: { $detail }

## account settings: junk
junk-title = Junk
junk-enabled = Vom Anbieter als Spam markierte Nachrichten in den Junk-Ordner verschieben
junk-enabled-hint = Erkannt an den Kopfzeilen X-Spam-Flag, X-Spam-Status und X-Spam (und der unten genannten). Absender, die Sie als „Kein Junk“ markiert haben, bleiben immer im Posteingang. Externe Inhalte werden für Junk nie geladen.
junk-header = Weitere Kopfzeile
junk-header-hint = Eine Kopfzeile Ihres Anbieters, die Spam markiert, wenn ihr Wert mit „yes“ beginnt.
junk-days = Junk löschen nach
junk-days-hint = Tagen, gezählt ab dem Eintreffen hier; leer: behalten, bis Sie ihn löschen. Gelöscht wird nur die Kopie hier, der Server behält seine, wie es die Einstellungen des Kontos sagen.
junk-apply = Übernehmen
junk-saved = Gespeichert.
junk-bad-days = Die Zahl der Tage muss eine ganze Zahl über 0 sein, oder leer.
junk-bad-header = Ein Kopfzeilenname enthält keine Leerzeichen.
junk-failed = Die Junk-Einstellungen konnten nicht gelesen oder gespeichert werden: { $detail }
settings-state = Schon von einem anderen Programm abgerufen
settings-state-hint = Für ein Konto, das Nachrichten auf dem Server belässt: wählen Sie das Konto und das Programm, mit dem Sie bisher abgerufen haben, dann dessen Statusdatei. Die Nachrichten, die es schon heruntergeladen hat, werden nicht noch einmal abgerufen, und Postfach löscht sie nie auf dem Server.
settings-state-account = Konto
settings-state-program = Programm
settings-state-file = Datei wählen…
settings-state-unreadable = Die Datei konnte nicht gelesen werden: { $detail }
rules-running-selection = Die Regeln laufen über { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    }…

error-import-review = Der erste Abruf von „{ $account }“ nach einem Import wartet, bis Sie gesehen haben, was er tun wird.
cli-fetch-accept-import = Nichts wurde abgerufen oder gelöscht. Um mit diesen Folgen abzurufen: postfach fetch --accept-import „{ $account }“
dry-run = „{ $account }“: Auf dem Server { $listed ->
        [one] liegt 1 Nachricht
       *[other] liegen { $listed } Nachrichten
    }.{ $known ->
        [0] {""}
       *[other] {" "}{ $known } davon hat das andere Programm abgerufen: Sie bleiben auf dem Server und werden nicht abgerufen.
    }{ $linked ->
        [0] {""}
       *[other] {" "}{ $linked } kamen mit der importierten Post: Für sie gelten Ihre Einstellungen für die Kopien auf dem Server.
    } Dieser Abruf holt { $download } { $download ->
        [one] neue Nachricht
       *[other] neue Nachrichten
    } und löscht { $delete ->
        [0] keine
       *[other] { $delete }
    } auf dem Server{ $expired ->
        [0] {""}
       *[other] {" "}({ $expired }, weil sie älter sind als Ihr „höchstens N Tage“)
    }.
ui-import-review-title = Erster Abruf von „{ $account }“ nach dem Import
ui-import-review-go = Jetzt abrufen
wizard-earlier = Ich habe für dieses Konto bisher ein anderes Programm benutzt
wizard-earlier-hint = Postfach übernimmt, welche Nachrichten das Programm schon abgerufen hat: Es ruft sie nicht noch einmal ab und löscht sie nie auf dem Server (es hat keine Kopie davon). Ihr erster Abruf zeigt, was er tun wird, bevor er etwas tut.
wizard-earlier-pick = Seine Datei wählen…
wizard-earlier-found = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    } dieses Kontos hat das Programm schon abgerufen.
wizard-earlier-not-found = Die Datei des Programms liegt nicht an ihrem üblichen Ort: Wählen Sie sie aus.
wizard-earlier-empty = Die Datei nennt keine abgerufenen Nachrichten für dieses Konto.
ui-export-mbox = Als mbox-Datei exportieren…
ui-export-eml = Als .eml-Dateien speichern…
ui-export-default-name = Nachrichten
ui-exported = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    } nach { $path } exportiert.
import-linked = { $count } davon tragen die UIDL einer Nachricht, deren POP3-Stand übernommen wurde: Sie gelten als hier gespeichert, und die Einstellung des Kontos für die Kopien auf dem Server gilt für sie.
settings-state-known = { $count } { $count ->
        [one] Nachricht
       *[other] Nachrichten
    } dieses Kontos hat ein anderes Programm abgerufen; sie bleiben auf dem Server.
settings-state-forget = Diese auch abrufen
## Anmelden mit Google und Microsoft (OAuth)
oauth-no-client-id = Diese Postfach-Ausgabe hat keine Client-ID für { $provider } und kann sich dort deshalb noch nicht anmelden. Tragen Sie unter „Erweitert“ eine eigene Client-ID ein (wie Sie eine bekommen, steht in der README).
oauth-no-client-id-app-password = Oder verwenden Sie ein App-Passwort: Erstellen Sie es in den Sicherheitseinstellungen Ihres { $provider }-Kontos und geben Sie es statt Ihres Passworts ein.
oauth-no-client-id-no-app-password = { $provider } nimmt für POP3 und SMTP keine Passwörter an, daher ist eine Client-ID nötig.
oauth-unknown-provider = Diese Postfach-Version kann sich nicht bei „{ $provider }“ anmelden.
oauth-listen = Postfach kann nicht auf die Antwort des Browsers warten: { $detail }
oauth-timed-out = Die Anmeldung wurde im Browser nicht rechtzeitig abgeschlossen. Bitte versuchen Sie es noch einmal.
oauth-cancelled = Die Anmeldung wurde abgebrochen.
oauth-wrong-state = Die Antwort des Browsers gehörte nicht zu dieser Anmeldung und wurde abgelehnt. Bitte versuchen Sie es noch einmal.
oauth-denied = Die Anmeldung wurde abgelehnt ({ $reason }).
oauth-sign-in-again = { $provider } akzeptiert die Anmeldung für { $user } nicht mehr. Bitte melden Sie sich erneut an.
oauth-not-signed-in = { $user } ist nicht bei { $provider } angemeldet. Bitte melden Sie sich an.
oauth-refused = Der Anmeldeserver hat abgelehnt: { $detail }
oauth-network = Der Anmeldeserver ist nicht erreichbar: { $detail }
oauth-answer = Die Antwort des Anmeldeservers ist nicht lesbar.
oauth-page-done = Sie sind angemeldet. Sie können dieses Fenster schließen und zu Postfach zurückkehren.
oauth-page-failed = Die Anmeldung hat nicht funktioniert. Sie können dieses Fenster schließen; Postfach sagt Ihnen, was passiert ist.
oauth-sign-in-with = Mit { $provider } anmelden
oauth-sign-in-again-button = Erneut anmelden…
oauth-sign-out = Abmelden
oauth-waiting = Warte auf die Anmeldung in Ihrem Browser…
oauth-signed-in-as = Bei { $provider } angemeldet als { $user }.
oauth-signed-out = Nicht bei { $provider } angemeldet.
oauth-advanced = Erweitert
oauth-own-client-id = Eigene Client-ID
oauth-own-client-id-placeholder = Die Anwendungs-ID (Client-ID) Ihrer Registrierung
oauth-instead-of-password = { $provider } meldet Sie über Ihren Browser an: Postfach bekommt Ihr Passwort nie zu sehen.
oauth-banner = { $account }: { $provider } bittet Sie, sich erneut anzumelden.
cli-oauth-open = Öffnen Sie diese Adresse in Ihrem Browser, um sich anzumelden:
cli-oauth-device = Öffnen Sie auf einem beliebigen Gerät { $uri } und geben Sie den Code { $code } ein.
cli-oauth-signed-in = { $account }: bei { $provider } angemeldet als { $user }.
cli-oauth-not-oauth = Das Konto { $account } meldet sich nicht bei Google oder Microsoft an (weder seine Adresse noch seine Server gehören dazu).
cli-oauth-login-hint = Erneut anmelden mit: postfach account login { $account }
wizard-needs-sign-in = Bitte melden Sie sich zuerst bei { $provider } an.
oauth-section = Anmeldung bei { $provider }
oauth-own-client-secret = Client-Geheimnis
oauth-own-client-secret-hint = { $provider } gibt Desktop-Apps zur Client-ID ein Geheimnis; es ist dort nicht geheim, muss aber mitgeschickt werden.
oauth-device-button = Auf einem anderen Gerät anmelden…
oauth-device-prompt = Öffnen Sie auf einem beliebigen Gerät { $uri } und geben Sie den Code { $code } ein. Postfach wartet hier.
