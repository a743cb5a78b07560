# hello_bare at main (M-mode): FS on, then f registers and fcsr written and read back through
# the FPU feature of the target description.
break main
continue
set $mstatus = $mstatus | 0x2000
set $ft1.double = 1.5
p $f1
p/x $f1.double
set $frm = 3
set $fflags = 0x11
p/x $fcsr
info registers float
continue
