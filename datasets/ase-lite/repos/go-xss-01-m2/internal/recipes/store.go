// Package recipes stores recipes and their tags.
package recipes

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ErrNotFound is returned when no recipe has the requested slug.
var ErrNotFound = errors.New("recipe not found")

// Recipe is a recipe summary or, with Ingredients and Steps filled, a full recipe.
type Recipe struct {
	ID           int64
	Slug         string
	Title        string
	Author       string
	TotalMinutes int
	Servings     int
	Ingredients  []string
	Steps        []string
	Tags         []string
	PublishedAt  time.Time
}

// Store reads recipes from PostgreSQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store on db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const summaryColumns = "r.id, r.slug, r.title, u.display_name, r.total_minutes, r.servings, r.published_at"

func scanSummaries(rows *sql.Rows) ([]Recipe, error) {
	defer rows.Close()
	var out []Recipe
	for rows.Next() {
		var rc Recipe
		if err := rows.Scan(&rc.ID, &rc.Slug, &rc.Title, &rc.Author, &rc.TotalMinutes,
			&rc.Servings, &rc.PublishedAt); err != nil {
			return nil, err
		}
		out = append(out, rc)
	}
	return out, rows.Err()
}

// Latest returns the n most recently published recipes.
func (s *Store) Latest(ctx context.Context, n int) ([]Recipe, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT "+summaryColumns+" FROM recipes r JOIN users u ON u.id = r.author_id"+
			" WHERE r.published_at IS NOT NULL ORDER BY r.published_at DESC LIMIT $1", n)
	if err != nil {
		return nil, err
	}
	return scanSummaries(rows)
}

// ByTag returns the published recipes carrying tag, alphabetically.
func (s *Store) ByTag(ctx context.Context, tag string) ([]Recipe, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT "+summaryColumns+" FROM recipes r JOIN users u ON u.id = r.author_id"+
			" JOIN recipe_tags t ON t.recipe_id = r.id"+
			" WHERE t.tag = $1 AND r.published_at IS NOT NULL ORDER BY r.title", tag)
	if err != nil {
		return nil, err
	}
	return scanSummaries(rows)
}

// BySlug returns the full recipe with the given slug.
func (s *Store) BySlug(ctx context.Context, slug string) (Recipe, error) {
	var rc Recipe
	err := s.db.QueryRowContext(ctx,
		"SELECT "+summaryColumns+" FROM recipes r JOIN users u ON u.id = r.author_id WHERE r.slug = $1",
		slug).Scan(&rc.ID, &rc.Slug, &rc.Title, &rc.Author, &rc.TotalMinutes, &rc.Servings, &rc.PublishedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return rc, ErrNotFound
	}
	if err != nil {
		return rc, err
	}
	for _, q := range []struct {
		sql  string
		dest *[]string
	}{
		{"SELECT line FROM ingredients WHERE recipe_id = $1 ORDER BY position", &rc.Ingredients},
		{"SELECT body FROM steps WHERE recipe_id = $1 ORDER BY position", &rc.Steps},
		{"SELECT tag FROM recipe_tags WHERE recipe_id = $1 ORDER BY tag", &rc.Tags},
	} {
		rows, err := s.db.QueryContext(ctx, q.sql, rc.ID)
		if err != nil {
			return rc, err
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return rc, err
			}
			*q.dest = append(*q.dest, v)
		}
		rows.Close()
	}
	return rc, nil
}
