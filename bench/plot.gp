# gnuplot -e "datafile='results.tsv'; outfile='performance.svg'" bench/plot.gp
set terminal svg size 720,440 font "sans,12" background rgb "white"
set output outfile
set title "Time against corpus size (median wall time)"
set xlabel "model directories"
set ylabel "seconds"
set logscale xy
set key top left
set grid
set datafile separator "\t"
plot datafile using 1:5 skip 1 with linespoints lw 2 pt 7 title "Python alternative (PyYAML CSafeLoader)", \
     datafile using 1:6 skip 1 with linespoints lw 2 pt 5 title "mclint --format json", \
     datafile using 1:4 skip 1 with linespoints lw 2 pt 9 title "floor: cat every file"
