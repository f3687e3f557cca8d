;redcode-94nop
;name Two Eyes
;author drq bench (hand-written)
;strategy A .66c scanner compares two cells 6 apart every three cycles; at the first
;strategy difference it lays an SPL carpet over the spot, then a DAT clear that spares itself.
;assert CORESIZE == 8000
step    equ     12
inc     dat.f   #step, #step
loop    add.f   inc, scan
scan    sne.i   100, 100+step/2
        djn.b   loop, #660
        mov.ab  scan, cptr
        add.ab  #scan-cptr-8, cptr
carpet  mov.i   ospl, >cptr
        djn.b   carpet, #24
        jmp.b   clear, 0
cptr    dat.f   #0, #0
clear   spl.b   #0, 0
cl      mov.i   odat, >cptr
        djn.f   cl, >cptr
ospl    spl.b   #0, 0
odat    dat.f   #0, #6
        end     loop
