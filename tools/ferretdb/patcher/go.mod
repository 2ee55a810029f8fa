module convene.local/ferretdb-patcher

go 1.24
