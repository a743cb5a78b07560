# hello_bare: a breakpoint on a symbol, registers, memory, a single step, and on to the end.
info threads
break main
continue
info registers pc sp
x/4x $pc
stepi
info registers pc
p/x $mhartid
continue
