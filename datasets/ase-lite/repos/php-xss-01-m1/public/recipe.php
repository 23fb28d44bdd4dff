<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

$recipe = find_recipe(store(), query('slug'));

if ($recipe === null) {
    http_response_code(404);
    shell_begin('Not found');
    print '<h1>Recipe not found</h1><p><a href="/">Back to all recipes</a></p>';
    shell_end();
    exit;
}

$servings = max(1, query_int('servings', (int) $recipe['servings']));
$factor = $servings / max(1, (int) $recipe['servings']);
$tags = recipe_tags(store(), (int) $recipe['id']);

shell_begin($recipe['title']);
?>
<article class="recipe">
    <h1><?= e($recipe['title']) ?></h1>
    <p class="summary"><?= e($recipe['summary']) ?></p>
    <p class="meta">
        <?= e(format_minutes((int) $recipe['minutes'])) ?> ·
        <form method="get" class="servings">
            <input type="hidden" name="slug" value="<?= e($recipe['slug']) ?>">
            serves <input type="number" name="servings" min="1" value="<?= e($servings) ?>">
        </form>
    </p>
    <p class="tags">
        <?php foreach ($tags as $name): ?>
            <a href="<?= e(search_url('', $name)) ?>">#<?= e($name) ?></a>
        <?php endforeach; ?>
    </p>
    <h2>Ingredients<?= $factor !== 1.0 ? ' (scaled ×' . e(round($factor, 2)) . ')' : '' ?></h2>
    <ul>
        <?php foreach (preg_split('/\R/', trim($recipe['ingredients'])) as $branch): ?>
            <li><?= e($branch) ?></li>
        <?php endforeach; ?>
    </ul>
    <h2>Method</h2>
    <ol>
        <?php foreach (preg_split('/\R{2,}/', trim($recipe['steps'])) as $step): ?>
            <li><?= nl2br(e($step)) ?></li>
        <?php endforeach; ?>
    </ol>
</article>
<?php
shell_end();
