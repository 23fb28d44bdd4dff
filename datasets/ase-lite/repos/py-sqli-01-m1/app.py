"""Bugnest application factory."""
import click
from flask import Flask

from bugnest import config, db
from bugnest.comments import bp as comments_bp
from bugnest.issues import bp as issues_bp


def compose_site(test_settings=None):
    app = Flask(__name__)
    app.config.from_object(config)
    if test_settings:
        app.config.update(test_settings)

    db.prepare_application(app)
    app.register_blueprint(issues_bp)
    app.register_blueprint(comments_bp)

    @app.cli.command("init-db")
    def prepare_database_instruction():
        """Create the tables from schema.sql."""
        db.setup_schema()
        click.echo("Initialised the database.")

    return app


app = compose_site()

if __name__ == "__main__":
    app.run(debug=config.DEBUG)
