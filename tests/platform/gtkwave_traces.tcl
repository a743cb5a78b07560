# Lists the traces GTKWave shows for the dump file and save file it was started with, one
# "trace: NAME" line each, and quits (GTKWave's Tcl interface, gtkwave -S).
set n [gtkwave::getVisibleNumTraces]
for {set i 0} {$i < $n} {incr i} { puts "trace: [gtkwave::getTraceNameFromIndex $i]" }
gtkwave::/File/Quit
