module github.com/dropcrate/dropcrate

go 1.22
