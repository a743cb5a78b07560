# The kernel on two harts: stop in the page-fault handler (handle_user_fault, called by the
# trap path's do_page_fault), read the faulting address from its argument, from the trap frame
# and from stval, step by instruction and by line, and let the run finish with its console.
info threads
break handle_user_fault
continue
p/x addr
p addr == $stval
up
p regs->badaddr == $stval
p regs->cause == $scause
down
info threads
stepi
stepi
next
delete
continue
