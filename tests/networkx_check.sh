#!/usr/bin/env bash
# Exports the demo network (plus a hostile name) as GraphML and GEXF with the CLI, then reads
# both with NetworkX. Needs a built `maillage` binary (argument) and Python with networkx.
set -euo pipefail
bin="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
url="sqlite://$dir/network.db"
"$bin" --database-url "$url" demo
printf 'name,kind,level,territory\n"Asbl ""Le Pont""]; a -> b [ <script>x</script> & co",association,local,Namur\n' > "$dir/hostile.csv"
printf 'source,target,type\n"Asbl ""Le Pont""]; a -> b [ <script>x</script> & co",CPAS de Namur,partners\n' > "$dir/links.csv"
"$bin" --database-url "$url" import stakeholders "$dir/hostile.csv"
"$bin" --database-url "$url" import links "$dir/links.csv"
"$bin" --database-url "$url" export graph --format graphml -o "$dir/network.graphml"
"$bin" --database-url "$url" export graph --format gexf --without-meetings -o "$dir/network.gexf"
# Every recorded link: the demo's 637, what its consultation answers derived, the hostile one.
"$bin" --database-url "$url" export links -o "$dir/all-links.csv"
links=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$dir/all-links.csv")
python3 "$(dirname "$0")/networkx_check.py" "$dir/network.graphml" "$dir/network.gexf" 171 "$links"
