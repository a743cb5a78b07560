/* A page of position-independent code that the virtual-memory tests alias at other virtual
 * addresses with other permissions: at offset 0 a function returning VM_CODE_RESULT (vm.h).
 * Nothing else shares the page, so aliases of it map only this code. */
  .section .text.vm_code_page, "ax", @progbits
  .option norvc
  .balign 4096
  .globl vm_code_page
vm_code_page:
  li    a0, 0x600d
  ret
  .balign 4096
