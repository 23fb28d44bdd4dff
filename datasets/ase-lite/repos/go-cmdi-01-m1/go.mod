module github.com/gitpeek/gitpeek

go 1.22
