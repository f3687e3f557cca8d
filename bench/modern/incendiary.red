;redcode-94nop
;name Tar Pit
;author drq bench (hand-written)
;strategy An incendiary bomber: a SPL 0 and a JMP back to it side by side at a mod-4 step, so a
;strategy process that runs into either splits in place; after 480 pairs a DAT clear kills them.
;assert CORESIZE == 8000
step    equ     1428
loop    mov.i   ispl, *ip
        mov.i   ijmp, @ip
        add.f   iinc, ip
        djn.b   loop, #480
        jmp.b   clear, 0
ip      dat.f   #step, #step+1
iinc    dat.f   #step, #step
ispl    spl.b   #0, 0
ijmp    jmp.b   -1, 0
cptr    dat.f   #0, #5
clear   spl.b   #0, 0
cl      mov.i   idat, >cptr
        djn.f   cl, >cptr
idat    dat.f   #0, #5
        end     loop
