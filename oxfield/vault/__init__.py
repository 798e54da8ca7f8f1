"""The encrypted local store: keys, engine, migrations, attachments, audit."""
