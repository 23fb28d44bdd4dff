"""Bugnest application factory."""
import click
from flask import Flask

from bugnest import config, db
from bugnest.comments import bp as comments_bp
from bugnest.issues import bp as issues_bp


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_object(config)
    if test_config:
        app.config.update(test_config)

    db.init_app(app)
    app.register_blueprint(issues_bp)
    app.register_blueprint(comments_bp)

    @app.cli.command("init-db")
    def init_db_command():
        """Create the tables from schema.sql."""
        db.init_schema()
        click.echo("Initialised the database.")

    return app


app = create_app()

if __name__ == "__main__":
    app.run(debug=config.DEBUG)
