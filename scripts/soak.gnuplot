# The chart of scripts/soak.sh, drawn by scripts/soak_report.py, which sets: csv, png, warm and half (minutes
# where warm-up and the judged second half start), rss_a/rss_b and fd_a/fd_b (the fitted lines, per minute).
set terminal pngcairo size 1400,900 font ",10"
set output png
set datafile separator ","
set key bottom right opaque
set grid
set xlabel "minutes"
set multiplot layout 2,2 title "veilleur soak (dashed: end of warm-up; red: least-squares fit over the second half)"
set arrow 1 from warm, graph 0 to warm, graph 1 nohead dashtype 2 linecolor "gray40"

set title "memory (VmRSS)"
set ylabel "MB"
set yrange [0:*]
plot csv using ($1/60):2 skip 1 with lines linewidth 2 title "RSS", \
     [half:*] rss_a + rss_b * x with lines linecolor "red" linewidth 2 title sprintf("%+.2f MB/min", rss_b)

set title "open file descriptors"
set ylabel "descriptors"
plot csv using ($1/60):3 skip 1 with lines linewidth 2 title "fds", \
     [half:*] fd_a + fd_b * x with lines linecolor "red" linewidth 2 title sprintf("%+.2f /min", fd_b)

set title "database (SQLite file + WAL)"
set ylabel "MB"
plot csv using ($1/60):5 skip 1 with lines linewidth 2 title "file + WAL", \
     csv using ($1/60):12 skip 1 with lines title "WAL"

set title "crawl lag (veilleur status)"
set ylabel "seconds"
set y2label "sources"
set y2tics
set y2range [0:*]
plot csv using ($1/60):7 skip 1 with lines linewidth 2 title "most overdue (s)", \
     csv using ($1/60):6 skip 1 axes x1y2 with lines title "overdue sources"
unset multiplot
