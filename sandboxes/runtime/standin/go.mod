module ase.local/standin

go 1.19
